package dev.continuum.hibernate.relations;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Entities as applications write them (private fields, getters), for the to-ones of related
 * snapshots: a forum lists posts, each post has an author, who belongs to a team and wears a
 * badge. The team is mapped through its getters; the badge is a final class, which no proxy can
 * stand for.
 */
final class DepthModel {

    private DepthModel() {
    }

    @Entity(name = "Forum")
    @Table(name = "dm_forum")
    @Versioned
    public static class Forum {
        @Id
        private Long id;
        private String title;
        @OneToMany(mappedBy = "forum")
        @OrderBy("id")
        private List<Message> posts = new ArrayList<>();

        protected Forum() {
        }

        public Forum(Long id, String title) {
            this.id = id;
            this.title = title;
        }

        public Long getId() {
            return id;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public List<Message> getPosts() {
            return posts;
        }
    }

    @Entity(name = "Message")
    @Table(name = "dm_post")
    @Versioned
    public static class Message {
        @Id
        private Long id;
        private String text;
        @ManyToOne
        private Forum forum;
        @ManyToOne
        private Poster author;

        protected Message() {
        }

        public Message(Long id, String text, Forum forum, Poster author) {
            this.id = id;
            this.text = text;
            this.forum = forum;
            this.author = author;
        }

        public Long getId() {
            return id;
        }

        public String getText() {
            return text;
        }

        public Forum getForum() {
            return forum;
        }

        public Poster getAuthor() {
            return author;
        }
    }

    @Entity(name = "Poster")
    @Table(name = "dm_member")
    @Versioned
    public static class Poster {
        @Id
        private Long id;
        private String name;
        @ManyToOne
        private Crew team;
        @ManyToOne
        private Badge badge;

        protected Poster() {
        }

        public Poster(Long id, String name, Crew team, Badge badge) {
            this.id = id;
            this.name = name;
            this.team = team;
            this.badge = badge;
        }

        public Long getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Crew getTeam() {
            return team;
        }

        public Badge getBadge() {
            return badge;
        }
    }

    /** Mapped through its getters (property access): a proxy's setters must not read it. */
    @Entity(name = "Crew")
    @Table(name = "dm_team")
    @Versioned
    public static class Crew {
        private Long id;
        private String name;

        protected Crew() {
        }

        public Crew(Long id, String name) {
            this.id = id;
            this.name = name;
        }

        @Id
        public Long getId() {
            return id;
        }

        protected void setId(Long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** Final: its snapshots cannot be proxied, so a to-one to it is read with the batch that needs it. */
    @Entity(name = "Badge")
    @Table(name = "dm_badge")
    @Versioned
    public static final class Badge {
        @Id
        private Long id;
        private String label;

        Badge() {
        }

        public Badge(Long id, String label) {
            this.id = id;
            this.label = label;
        }

        public Long getId() {
            return id;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }
    }
}
