package dev.continuum.hibernate.relations;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Owners of many-to-many associations, element collections and one-to-many collections. */
final class RelationsModel {

    private RelationsModel() {
    }

    @Entity(name = "Label")
    @Table(name = "rel_label")
    static class Label {
        @Id
        Long id;
        String name;

        Label() {
        }

        Label(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Embeddable
    static class Link {
        String url;
        String caption;

        Link() {
        }

        Link(String url, String caption) {
            this.url = url;
            this.caption = caption;
        }
    }

    @Entity(name = "Post")
    @Table(name = "rel_post")
    @Versioned
    static class Post {
        @Id
        Long id;
        String title;
        @ManyToMany
        @JoinTable(name = "rel_post_label", joinColumns = @JoinColumn(name = "post_id"),
                inverseJoinColumns = @JoinColumn(name = "label_id"))
        Set<Label> labels = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "rel_post_keyword", joinColumns = @JoinColumn(name = "post_id"))
        @Column(name = "keyword")
        Set<String> keywords = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "rel_post_link", joinColumns = @JoinColumn(name = "post_id"))
        List<Link> links = new ArrayList<>();
        @ElementCollection
        @CollectionTable(name = "rel_post_meta", joinColumns = @JoinColumn(name = "post_id"))
        @MapKeyColumn(name = "meta_key")
        @Column(name = "meta_value")
        Map<String, String> meta = new HashMap<>();

        Post() {
        }

        Post(Long id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    /** Versioned without a new version of itself when only its labels change. */
    @Entity(name = "QuietPost")
    @Table(name = "rel_quiet_post")
    @Versioned(versionOwnerOnCollectionChange = Versioned.Setting.DISABLED)
    static class QuietPost {
        @Id
        Long id;
        String title;
        @ManyToMany
        @JoinTable(name = "rel_quiet_post_label", joinColumns = @JoinColumn(name = "post_id"),
                inverseJoinColumns = @JoinColumn(name = "label_id"))
        Set<Label> labels = new HashSet<>();
    }

    @Entity(name = "Team")
    @Table(name = "rel_team")
    @Versioned
    static class Team {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "team")
        List<Member> members = new ArrayList<>();
    }

    @Entity(name = "Member")
    @Table(name = "rel_member")
    @Versioned
    static class Member {
        @Id
        Long id;
        String name;
        @ManyToOne
        Team team;
    }

    @Entity(name = "Playlist")
    @Table(name = "rel_playlist")
    @Versioned
    static class Playlist {
        @Id
        Long id;
        String name;
        @OneToMany
        @JoinColumn(name = "playlist_id")
        List<Track> tracks = new ArrayList<>();
    }

    @Entity(name = "Track")
    @Table(name = "rel_track")
    @Versioned
    static class Track {
        @Id
        Long id;
        String title;

        Track() {
        }

        Track(Long id, String title) {
            this.id = id;
            this.title = title;
        }
    }
}
