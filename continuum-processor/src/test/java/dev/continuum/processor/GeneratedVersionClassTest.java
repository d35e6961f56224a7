package dev.continuum.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.continuum.ContinuumException;
import dev.continuum.Operation;
import dev.continuum.Version;
import dev.continuum.VersionOf;
import dev.continuum.binding.VersionBinding;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compiled version classes do: they are marked with their entity, read-only, and
 * delegate the {@link Version} API and their relation accessors to the version the runtime binds
 * them to.
 */
class GeneratedVersionClassTest {

    @TempDir
    Path classes;

    @Test
    void generatedVersionClassCompilesToAClassMarkedWithItsEntity() throws Exception {
        compile("representative_entity");

        try (URLClassLoader loader = loader()) {
            Class<?> versionClass = loader.loadClass("com.example.ArticleVersion");

            assertThat(versionClass.getAnnotation(VersionOf.class).value().getName()).isEqualTo("com.example.Article");
            assertThat(versionClass.getDeclaredMethods()).extracting(Method::getName)
                    .noneMatch(name -> name.startsWith("set"));
            assertThat(versionClass.getDeclaredClasses()).extracting(Class::getSimpleName).containsExactly("Key");
        }
    }

    @Test
    void generatedVersionClassIsAVersionDelegatingToTheVersionItIsBoundTo() throws Exception {
        compile("representative_entity");

        try (URLClassLoader loader = loader()) {
            Class<?> versionClass = loader.loadClass("com.example.ArticleVersion");
            Object first = row(versionClass, 7L, 3L, null, (short) 1);
            @SuppressWarnings("unchecked")
            Version<Object> version = (Version<Object>) first;

            assertThat(version.id()).isEqualTo(7L);
            assertThat(version.transactionId()).isEqualTo(3L);
            assertThat(version.endTransactionId()).isEqualTo(OptionalLong.empty());
            assertThat(version.operation()).isEqualTo(Operation.UPDATE);
            assertThat(catchThrowable(version::entity))
                    .isInstanceOf(ContinuumException.class)
                    .hasMessage("This ArticleVersion was not loaded by Hibernate, so it is not bound to an "
                            + "EntityManager and its Version methods cannot read history; load it with a query, "
                            + "find() or VersionHistory.typedVersions(), or call asVersion(em)");

            List<String> asked = new ArrayList<>();
            Object snapshot = loader.loadClass("com.example.Article").getDeclaredConstructor().newInstance();
            ((VersionBinding.Bindable) first).continuumBind(new VersionBinding() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
                    asked.add(type.getName() + "#" + id + "@" + transactionId);
                    return (Version<T>) Proxy.newProxyInstance(loader, new Class<?>[] {Version.class},
                            (proxy, method, arguments) -> switch (method.getName()) {
                                case "entity" -> snapshot;
                                case "index" -> 4;
                                default -> throw new UnsupportedOperationException(method.getName());
                            });
                }
            });

            assertThat(asked).containsExactly("com.example.Article#7@3");
            assertThat(version.entity()).isSameAs(snapshot);
            assertThat(version.index()).isEqualTo(4);
            assertThat(first).isEqualTo(row(versionClass, 7L, 3L, 5L, (short) 1))
                    .hasSameHashCodeAs(row(versionClass, 7L, 3L, 5L, (short) 1))
                    .isNotEqualTo(row(versionClass, 7L, 4L, null, (short) 1))
                    .isNotEqualTo(row(versionClass, 8L, 3L, null, (short) 1))
                    .hasToString("ArticleVersion[id=7, transactionId=3, UPDATE]");
        }
    }

    @Test
    void aRelationAccessorReturnsWhatTheBoundVersionReadsForTheRelation() throws Exception {
        compile("relation_accessors_bound");

        try (URLClassLoader loader = loader()) {
            Class<?> versionClass = loader.loadClass("com.example.PostVersion");
            Method getAuthor = versionClass.getMethod("getAuthor");
            Method getReviewers = versionClass.getMethod("getReviewers");
            Object author = loader.loadClass("com.example.Author").getDeclaredConstructor().newInstance();
            List<Object> reviewers = List.of();
            Object bound = row(versionClass, 7L, 3L, null, (short) 1);
            Object unreadable = row(versionClass, 7L, 3L, null, (short) 1);
            List<String> asked = new ArrayList<>();
            ((VersionBinding.Bindable) bound).continuumBind(binding(loader, true, property -> {
                asked.add(property);
                return property.equals("author") ? author : reviewers;
            }));
            ((VersionBinding.Bindable) unreadable).continuumBind(binding(loader, false, property -> null));

            assertThat(getAuthor.invoke(bound)).isSameAs(author);
            assertThat(getReviewers.invoke(bound)).isSameAs(reviewers);
            assertThat(asked).containsExactly("author", "reviewers");
            assertThat(getAuthor.getGenericReturnType().getTypeName()).isEqualTo("com.example.Author");
            assertThat(getReviewers.getGenericReturnType().getTypeName())
                    .isEqualTo("java.util.List<com.example.Author>");
            assertThat(catchThrowable(() -> getAuthor.invoke(unreadable)).getCause())
                    .isInstanceOf(ContinuumException.class)
                    .hasMessage("This PostVersion is bound to a version that cannot read relations; read them "
                            + "from asVersion(em).entity()");
            assertThat(catchThrowable(() -> getAuthor.invoke(row(versionClass, 7L, 3L, null, (short) 1)))
                    .getCause()).isInstanceOf(ContinuumException.class)
                    .hasMessageStartingWith("This PostVersion was not loaded by Hibernate");
        }
    }

    @Test
    void aCompositeIdentifierIsBoundAndReturnedAsTheEntitysOwnIdentifierClass() throws Exception {
        compile("id_class");

        try (URLClassLoader loader = loader()) {
            Class<?> versionClass = loader.loadClass("com.example.SeatVersion");
            Object key = loader.loadClass("com.example.SeatKey").getDeclaredConstructor().newInstance();
            Object row = seat(versionClass, "A", 3, key, 5L);
            List<Object> asked = new ArrayList<>();
            ((VersionBinding.Bindable) row).continuumBind(new VersionBinding() {
                @Override
                public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
                    asked.add(id);
                    return null;
                }
            });

            assertThat(asked).containsExactly(key);
            assertThat(((Version<?>) row).id()).isSameAs(key);
            assertThat(row).isEqualTo(seat(versionClass, "A", 3, null, 5L))
                    .hasSameHashCodeAs(seat(versionClass, "A", 3, null, 5L))
                    .isNotEqualTo(seat(versionClass, "A", 4, key, 5L))
                    .isNotEqualTo(seat(versionClass, "B", 3, key, 5L))
                    .isNotEqualTo(seat(versionClass, "A", 3, key, 6L))
                    .hasToString("SeatVersion[hall=A, number=3, transactionId=5, INSERT]");
        }
    }

    /** A row of SeatVersion: the identifier's columns, the identifier mapped over them, the transaction. */
    private static Object seat(Class<?> versionClass, String hall, int number, Object id, long transactionId)
            throws ReflectiveOperationException {
        Constructor<?> constructor = versionClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object row = constructor.newInstance();
        set(row, "hall", hall);
        set(row, "number", number);
        set(row, "id", id);
        set(row, "transactionId", transactionId);
        return row;
    }

    private void compile(String fixture) {
        assertThat(TestCompiler.withProcessor(classes).compile(Fixture.named(fixture).inputs())).isEmpty();
    }

    private URLClassLoader loader() throws java.net.MalformedURLException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    /** A binding whose versions read relations with {@code relations}, or cannot read them at all. */
    private static VersionBinding binding(ClassLoader loader, boolean readsRelations,
            Function<String, Object> relations) {
        return new VersionBinding() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Version<T> versionOf(Class<T> type, Object id, long transactionId) {
                Class<?>[] interfaces = readsRelations
                        ? new Class<?>[] {Version.class, VersionBinding.Relations.class}
                        : new Class<?>[] {Version.class};
                return (Version<T>) Proxy.newProxyInstance(loader, interfaces, (proxy, method, arguments) -> {
                    if (method.getName().equals("relation")) {
                        return relations.apply((String) arguments[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
            }
        };
    }

    /** An instance of a generated version class with its key and bookkeeping fields set, as Hibernate would. */
    private static Object row(Class<?> versionClass, Long id, long transactionId, Long endTransactionId,
            short operationType) throws ReflectiveOperationException {
        Constructor<?> constructor = versionClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object row = constructor.newInstance();
        set(row, "id", id);
        set(row, "transactionId", transactionId);
        set(row, "endTransactionId", endTransactionId);
        set(row, "operationType", operationType);
        return row;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
