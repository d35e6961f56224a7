package dev.continuum.processor.analysis;

import static dev.continuum.processor.analysis.MappingAnnotations.PERSISTENCE;

import dev.continuum.processor.model.Names;
import dev.continuum.processor.model.VersionField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The columns that other entities' collections write into an entity's version table. A versioned
 * entity's one-to-many kept by a join column ({@code @OneToMany @JoinColumn(name = "playlist_id")
 * List<Track> tracks}, no {@code mappedBy}) has its foreign key in the children's table, and
 * Continuum records it in the children's version rows: the version class of {@code Track} maps
 * that column too, typed like {@code Playlist}'s identifier.
 */
final class CollectionKeys {

    private final JavaTypes types;
    private final ForeignKeys foreignKeys;
    private final EntityCatalog catalog;

    CollectionKeys(JavaTypes types, ForeignKeys foreignKeys, EntityCatalog catalog) {
        this.types = types;
        this.foreignKeys = foreignKeys;
        this.catalog = catalog;
    }

    /** A join-column one-to-many of {@code owner} whose elements are the analysed entity. */
    private record KeyedCollection(TypeElement owner, String property, Element member, AnnotationMirror oneToMany) {
    }

    /**
     * The fields for the keys that versioned collections of other entities keep in the subject's
     * rows; empty, with the reason given to {@code subject}, when one cannot be mapped.
     *
     * @param subject the entity whose rows hold the keys
     * @param rowsOf the entities whose rows the version table holds: the subject, and the
     *        subclasses of a single-table root
     * @param names the names of the fields its version class has already
     * @param columns the columns (lower case) these fields map, as far as the source tells
     */
    Optional<List<VersionField>> of(Subject subject, Set<TypeElement> rowsOf, Set<String> names, Set<String> columns) {
        List<KeyedCollection> collections = collectionsOf(subject.entity, rowsOf);
        Map<TypeElement, Long> collectionsPerOwner = collections.stream()
                .collect(Collectors.groupingBy(KeyedCollection::owner, Collectors.counting()));
        Set<String> taken = new HashSet<>(names);
        Set<String> mapped = new HashSet<>(columns);
        List<VersionField> keys = new ArrayList<>();
        for (KeyedCollection collection : collections) {
            String what = collection.owner().getSimpleName() + "." + collection.property();
            Optional<ForeignKeys.TargetKey> ownerKey = foreignKeys.singleKey(collection.owner());
            if (ownerKey.isEmpty() || Mirrors.has(collection.member(), PERSISTENCE + "JoinColumns")) {
                subject.unsupported("keys of a composite identifier that a collection writes into its rows (" + what
                        + ")");
                return Optional.empty();
            }
            Optional<AnnotationMirror> joinColumn = Mirrors.find(collection.member(), PERSISTENCE + "JoinColumn");
            Optional<String> referenced = joinColumn.flatMap(join -> MappingAnnotations.string(join,
                    "referencedColumnName"));
            if (referenced.isPresent() && !referenced.get().equalsIgnoreCase(ownerKey.get().column())) {
                subject.unsupported("collections joined on another column than the owner's identifier (" + what
                        + " refers to " + referenced.get() + ")");
                return Optional.empty();
            }
            String column = joinColumn.flatMap(join -> MappingAnnotations.string(join, "name"))
                    .orElse(collection.property() + "_" + ownerKey.get().column());
            if (!mapped.add(column.toLowerCase(Locale.ROOT))) {
                // the entity maps the column itself, as the other side of the relation
                continue;
            }
            String owner = Names.decapitalize(collection.owner().getSimpleName().toString());
            // playlistId, or playlistTracksId when Playlist has several such collections or playlistId is taken
            String name = collectionsPerOwner.get(collection.owner()) > 1 || taken.contains(owner + "Id")
                    ? owner + Names.capitalize(collection.property()) + "Id" : owner + "Id";
            if (!taken.add(name)) {
                subject.skip("the key that " + what + " keeps in its rows would be mapped as " + name + ", which is "
                        + "taken by a property; rename the property to have it generated", subject.entity,
                        subject.versioned);
                return Optional.empty();
            }
            String definition = joinColumn.flatMap(join -> MappingAnnotations.string(join, "columnDefinition"))
                    .orElse(null);
            keys.add(new VersionField(name, types.of(ownerKey.get().type()),
                    List.of(MappingAnnotations.column(column, definition)), false,
                    new VersionField.CollectionKey(types.of(collection.owner()), collection.property())));
        }
        return Optional.of(keys);
    }

    /** The versioned join-column one-to-manys of the entities in sight whose elements are one of {@code rowsOf}. */
    private List<KeyedCollection> collectionsOf(TypeElement child, Set<TypeElement> rowsOf) {
        List<KeyedCollection> collections = new ArrayList<>();
        for (TypeElement owner : catalog.around(child)) {
            if (!Mirrors.isVersioned(owner)) {
                continue;
            }
            PersistentProperties properties = PersistentProperties.of(owner);
            Set<String> excluded = Mirrors.excludedNames(owner);
            for (Map.Entry<String, Element> property : properties.members().entrySet()) {
                Element member = property.getValue();
                Optional<AnnotationMirror> oneToMany = Mirrors.find(member, PERSISTENCE + "OneToMany");
                if (oneToMany.isEmpty() || MappingAnnotations.string(oneToMany.get(), "mappedBy").isPresent()
                        || !(Mirrors.has(member, PERSISTENCE + "JoinColumn")
                                || Mirrors.has(member, PERSISTENCE + "JoinColumns"))
                        || excluded.contains(property.getKey()) || Mirrors.has(member, Mirrors.NOT_VERSIONED)) {
                    continue;
                }
                Optional<TypeElement> target = Mirrors.value(oneToMany.get(), "targetEntity")
                        .flatMap(value -> JavaTypes.element((TypeMirror) value.getValue()))
                        .or(() -> types.collectionElement(types.memberType((DeclaredType) owner.asType(), member)));
                if (target.isPresent() && rowsOf.contains(target.get())) {
                    collections.add(new KeyedCollection(owner, property.getKey(), member, oneToMany.get()));
                }
            }
        }
        return collections;
    }
}
