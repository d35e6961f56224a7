package dev.continuum.examples.blog.post;

import dev.continuum.spring.data.VersionedRepository;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** Posts, with their history through {@link VersionedRepository}. */
public interface PostRepository extends JpaRepository<Post, Long>, VersionedRepository<Post, Long> {

    /** All posts, newest first. */
    List<Post> findAllByOrderByIdDesc();

    /** The post with this title: titles are unique. */
    Optional<Post> findByTitle(String title);
}
