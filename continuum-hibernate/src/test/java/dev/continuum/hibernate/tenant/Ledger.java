package dev.continuum.hibernate.tenant;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** A tenant's entity whose key holds the tenant, so that two tenants may use the same id. */
@Entity
@Table(name = "ledger")
@IdClass(Ledger.Key.class)
@Versioned
public class Ledger {

    /** The key: the id and the tenant. */
    public static class Key implements Serializable {
        private Long id;
        private String tenant;

        protected Key() {
        }

        public Key(Long id, String tenant) {
            this.id = id;
            this.tenant = tenant;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(id, key.id) && Objects.equals(tenant, key.tenant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, tenant);
        }
    }

    @Id
    private Long id;
    @Id
    @TenantId
    private String tenant;
    private String title;
    @ElementCollection
    @CollectionTable(name = "ledger_tag")
    private Set<String> tags = new HashSet<>();

    protected Ledger() {
    }

    public Ledger(Long id, String title) {
        this.id = id;
        this.title = title;
    }

    public Long getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Set<String> getTags() {
        return tags;
    }
}
