package dev.continuum.examples.blog;

import dev.continuum.ChangeContext;
import dev.continuum.examples.blog.post.Author;
import dev.continuum.examples.blog.post.AuthorRepository;
import dev.continuum.examples.blog.post.Post;
import dev.continuum.examples.blog.post.PostRepository;
import dev.continuum.examples.blog.post.PostStatus;
import dev.continuum.examples.blog.post.Tag;
import dev.continuum.examples.blog.post.TagRepository;
import dev.continuum.examples.blog.web.SecurityConfiguration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Supplier;

/**
 * Fills an empty database with the demo writers, a few tags and two posts that already have a
 * history of several writers, each change in a transaction of its own, as if they had made it.
 * Off with {@code blog.demo-data=false}.
 */
@Component
@ConditionalOnProperty(name = "blog.demo-data", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private final AuthorRepository authors;
    private final TagRepository tags;
    private final PostRepository posts;
    private final TransactionTemplate transactions;

    DemoData(AuthorRepository authors, TagRepository tags, PostRepository posts, TransactionTemplate transactions) {
        this.authors = authors;
        this.tags = tags;
        this.posts = posts;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (authors.count() > 0) {
            return;
        }
        ChangeContext.run("setup", null, () -> transactions.executeWithoutResult(status -> {
            for (String[] user : SecurityConfiguration.USERS) {
                authors.save(new Author(user[0], user[2]));
            }
            for (String name : List.of("databases", "history", "java", "spring", "web")) {
                tags.save(new Tag(name));
            }
        }));
        long id = as("alice", () -> {
            Post post = new Post("Why keep history?", "Every change of a record tells a story: who changed it, when, "
                    + "and what it was before. Keep it, and mistakes become cheap.", PostStatus.DRAFT, author("alice"));
            post.getTags().add(tag("history"));
            return posts.save(post).getId();
        });
        as("bob", () -> {
            Post post = posts.findById(id).orElseThrow();
            post.setBody(post.getBody() + " Undo is a query away.");
            post.getTags().add(tag("databases"));
            post.addComment("bob", "Nice start. Maybe say how to read it back?");
            return id;
        });
        as("alice", () -> {
            Post post = posts.findById(id).orElseThrow();
            post.setStatus(PostStatus.PUBLISHED);
            post.setBody(post.getBody().replace("mistakes become cheap", "a mistake costs a click"));
            return id;
        });
        as("carol", () -> {
            Post post = new Post("Spring Boot and Continuum", "Add the starter, put @Versioned on the entities, and the "
                    + "signed-in user is recorded with every change.", PostStatus.PUBLISHED, author("carol"));
            post.getTags().add(tag("spring"));
            post.getTags().add(tag("java"));
            return posts.save(post).getId();
        });
    }

    private long as(String user, Supplier<Long> work) {
        return ChangeContext.call(user, "127.0.0.1", () -> transactions.execute(status -> work.get()));
    }

    private Author author(String username) {
        return authors.findByUsername(username).orElseThrow();
    }

    private Tag tag(String name) {
        return tags.findAllByOrderByName().stream().filter(tag -> tag.getName().equals(name)).findFirst().orElseThrow();
    }
}
