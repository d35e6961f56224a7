package dev.continuum.hibernate.internal.model;

import org.hibernate.annotations.TenantId;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.ManagedMappingType;
import org.hibernate.persister.entity.EntityPersister;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.Optional;

/**
 * The {@code @TenantId} attribute of an entity (discriminator multi-tenancy), found from the
 * mapping's members, so that it reads the same on every Hibernate ORM 7.4 release (the persister
 * exposes it directly only on later ones).
 */
public final class TenantAttribute {

    private TenantAttribute() {
    }

    /** The attribute of {@code persister}'s entity that holds its tenant, or empty when it has none. */
    public static Optional<AttributeMapping> of(EntityPersister persister) {
        Optional<AttributeMapping> found = among(persister);
        if (found.isEmpty() && persister.getIdentifierMapping() instanceof EmbeddableValuedModelPart id) {
            // the tenant may be part of the key (an @IdClass or embedded id holding it)
            found = among(id.getEmbeddableTypeDescriptor());
        }
        return found;
    }

    private static Optional<AttributeMapping> among(ManagedMappingType type) {
        for (int i = 0; i < type.getNumberOfAttributeMappings(); i++) {
            AttributeMapping attribute = type.getAttributeMapping(i);
            Member member = attribute.getPropertyAccess().getGetter().getMember();
            if (member instanceof AnnotatedElement annotated && annotated.isAnnotationPresent(TenantId.class)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }
}
