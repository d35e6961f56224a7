package dev.continuum.spring.sample.forum;

import dev.continuum.NotVersioned;
import dev.continuum.Versioned;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

import java.util.LinkedHashSet;
import java.util.Set;

/** A fixture for the JSON of relations: a to-one back to its topic, an element collection, a property that is not history. */
@Entity
@Versioned
public class Reply {

    @Id
    @GeneratedValue
    private Long id;
    private String text;
    @ManyToOne
    private Topic topic;
    @ElementCollection
    private Set<String> labels = new LinkedHashSet<>();
    @NotVersioned
    private String draft;

    protected Reply() {
    }

    public Reply(Topic topic, String text) {
        this.topic = topic;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public Topic getTopic() {
        return topic;
    }

    public void setTopic(Topic topic) {
        this.topic = topic;
    }

    public Set<String> getLabels() {
        return labels;
    }

    public String getDraft() {
        return draft;
    }

    public void setDraft(String draft) {
        this.draft = draft;
    }
}
