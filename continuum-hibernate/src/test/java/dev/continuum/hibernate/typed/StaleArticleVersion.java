package dev.continuum.hibernate.typed;

import dev.continuum.VersionOf;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A version class of {@link Article} as it was generated before {@code color} was added: it lacks
 * that column, so the boot must fail.
 */
@VersionOf(Article.class)
@Entity(name = "StaleArticleVersion")
@Immutable
@Table(name = "typed_article_version")
@IdClass(ArticleVersion.Key.class)
public class StaleArticleVersion {

    @Id
    private Long id;

    @Column(length = 200)
    private String title;

    @Column(length = 20)
    private String status;

    private String street;

    private String city;

    @Column(name = "writer_id")
    private Long authorId;

    @Id
    @Column(name = "transaction_id")
    private long transactionId;

    @Column(name = "end_transaction_id")
    private Long endTransactionId;

    @Column(name = "operation_type")
    private short operationType;

    protected StaleArticleVersion() {
    }
}
