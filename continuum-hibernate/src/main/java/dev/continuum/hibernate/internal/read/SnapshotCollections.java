package dev.continuum.hibernate.internal.read;

import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plain {@code java.util} collections snapshots hold, of the kind of each collection attribute. */
final class SnapshotCollections {

    private SnapshotCollections() {
    }

    /**
     * A copy of a collection value {@link #of} made, for reading it later whatever happens to the
     * original: a list of a collection's elements in its order, a map's entries in its order, or
     * null for null.
     */
    static Object copy(Object value) {
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        return null;
    }

    /** The kind of a collection attribute. */
    static CollectionClassification kind(PluralAttributeMapping attribute) {
        return attribute.getCollectionDescriptor().getCollectionSemantics().getCollectionClassification();
    }

    /**
     * A collection of the attribute's kind holding {@code elements}: a list (by index when
     * {@code indexes} are given), an insertion-ordered set, or a map from index to element; null
     * for arrays, which are left as they are.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object of(PluralAttributeMapping attribute, List<Object> elements, List<Object> indexes) {
        CollectionClassification kind = kind(attribute);
        switch (kind) {
            case LIST, BAG, ID_BAG -> {
                if (indexes == null) {
                    return new ArrayList<>(elements);
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparing(i -> (Comparable) indexes.get(i)));
                List<Object> list = new ArrayList<>();
                order.forEach(i -> list.add(elements.get(i)));
                return list;
            }
            case SET, ORDERED_SET -> {
                return new LinkedHashSet<>(elements);
            }
            case SORTED_SET -> {
                TreeSet set = new TreeSet<>();
                set.addAll(elements);
                return set;
            }
            case MAP, ORDERED_MAP, SORTED_MAP -> {
                Map map = kind == CollectionClassification.SORTED_MAP ? new TreeMap<>() : new LinkedHashMap<>();
                for (int i = 0; i < elements.size(); i++) {
                    map.put(indexes == null ? null : indexes.get(i), elements.get(i));
                }
                return map;
            }
            default -> {
                return null;
            }
        }
    }
}
