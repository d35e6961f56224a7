package dev.continuum.hibernate.schema;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entity in two releases: the second gained a property. */
final class Gizmos {

    private Gizmos() {
    }

    @Entity(name = "GizmoV1")
    @Table(name = "gizmo")
    @Versioned
    public static class Before {
        @Id
        public Long id;
        @Column(length = 100)
        public String name;
    }

    @Entity(name = "Gizmo")
    @Table(name = "gizmo")
    @Versioned
    public static class After {
        @Id
        public Long id;
        @Column(length = 100)
        public String name;
        public Integer weight;
    }
}
