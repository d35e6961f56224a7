package dev.continuum.hibernate.relations;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A story with relations of every kind, for reading relations as of a version and reverting them:
 * a versioned and an unversioned many-to-one, a one-to-many of remarks (which have cheers), a
 * many-to-many of topics and an element collection of keywords.
 */
final class ReadingModel {

    private ReadingModel() {
    }

    @Entity(name = "Writer")
    @Table(name = "rr_writer")
    @Versioned
    static class Writer {
        @Id
        Long id;
        String name;

        Writer() {
        }

        Writer(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** Not versioned: a story's publisher is read from the live row. */
    @Entity(name = "Publisher")
    @Table(name = "rr_publisher")
    static class Publisher {
        @Id
        Long id;
        String name;

        Publisher() {
        }

        Publisher(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Topic")
    @Table(name = "rr_topic")
    @Versioned
    static class Topic {
        @Id
        Long id;
        String name;

        Topic() {
        }

        Topic(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Story")
    @Table(name = "rr_story")
    @Versioned
    static class Story {
        @Id
        Long id;
        String title;
        @ManyToOne
        Writer author;
        @ManyToOne
        Publisher publisher;
        @OneToMany(mappedBy = "story")
        List<Remark> remarks = new ArrayList<>();
        @ManyToMany
        @JoinTable(name = "rr_story_topic", joinColumns = @JoinColumn(name = "story_id"),
                inverseJoinColumns = @JoinColumn(name = "topic_id"))
        Set<Topic> topics = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "rr_story_keyword", joinColumns = @JoinColumn(name = "story_id"))
        @Column(name = "keyword")
        Set<String> keywords = new HashSet<>();

        Story() {
        }

        Story(Long id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    @Entity(name = "Remark")
    @Table(name = "rr_remark")
    @Versioned
    static class Remark {
        @Id
        Long id;
        String text;
        @ManyToOne
        Story story;
        @OneToMany(mappedBy = "remark")
        List<Cheer> cheers = new ArrayList<>();

        Remark() {
        }

        Remark(Long id, String text, Story story) {
            this.id = id;
            this.text = text;
            this.story = story;
        }
    }

    @Entity(name = "Cheer")
    @Table(name = "rr_cheer")
    @Versioned
    static class Cheer {
        @Id
        Long id;
        String fan;
        @ManyToOne
        Remark remark;

        Cheer() {
        }

        Cheer(Long id, String fan, Remark remark) {
            this.id = id;
            this.fan = fan;
            this.remark = remark;
        }
    }
}
