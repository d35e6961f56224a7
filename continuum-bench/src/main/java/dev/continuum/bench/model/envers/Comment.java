package dev.continuum.bench.model.envers;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.envers.Audited;

/** A comment on a benchmark article of this variant. */
@Entity
@Table(name = "comment")
@Audited
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_id")
    @SequenceGenerator(name = "comment_id", sequenceName = "comment_id_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "article_id")
    private Article article;

    private String text;

    /** For Hibernate. */
    protected Comment() {
    }

    Comment(Article article, String text) {
        this.article = article;
        this.text = text;
    }

    /** The comment's text. */
    public String getText() {
        return text;
    }
}
