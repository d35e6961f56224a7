package dev.continuum.hibernate.tenant;

import dev.continuum.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.util.ArrayList;
import java.util.List;

/** A tenant's entity with an identifier of its own, the usual discriminator mapping. */
@Entity
@Table(name = "memo")
@Versioned
public class Memo {
    @Id
    private Long id;
    @TenantId
    private String tenant;
    private String text;
    @ManyToOne
    private Memo parent;
    @OneToMany(mappedBy = "parent")
    private List<Memo> children = new ArrayList<>();

    protected Memo() {
    }

    public Memo(Long id, String text) {
        this.id = id;
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public Memo getParent() {
        return parent;
    }

    public void setParent(Memo parent) {
        this.parent = parent;
    }

    public List<Memo> getChildren() {
        return children;
    }
}
