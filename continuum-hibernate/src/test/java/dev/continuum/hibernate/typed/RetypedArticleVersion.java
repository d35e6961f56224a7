package dev.continuum.hibernate.typed;

import dev.continuum.VersionOf;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.model.RgbConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A version class of {@link Article} as it was generated when {@code status} was still a number:
 * the column's type differs, so the boot must fail.
 */
@VersionOf(Article.class)
@Entity(name = "RetypedArticleVersion")
@Immutable
@Table(name = "typed_article_version")
@IdClass(ArticleVersion.Key.class)
public class RetypedArticleVersion {

    @Id
    private Long id;

    @Column(length = 200)
    private String title;

    private Integer status;

    @Convert(converter = RgbConverter.class)
    private Rgb color;

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

    protected RetypedArticleVersion() {
    }
}
