package dev.continuum.spring.sample.forum;

import dev.continuum.Versioned;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

import java.util.ArrayList;
import java.util.List;

/** A fixture for the JSON of relations: the owner of a bidirectional one-to-many. */
@Entity
@Versioned
public class Topic {

    @Id
    @GeneratedValue
    private Long id;
    private String subject;
    @OneToMany(mappedBy = "topic")
    @OrderBy("id")
    private List<Reply> replies = new ArrayList<>();
    @Version
    private long revision;

    protected Topic() {
    }

    public Topic(String subject) {
        this.subject = subject;
    }

    public Long getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    @JsonIgnore
    public List<Reply> getReplies() {
        return replies;
    }

    public long getRevision() {
        return revision;
    }
}
