package dev.continuum.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source of the typed version classes: each test compiles the entities of one fixture with
 * the processor and compares what it generates with the fixture's expected sources.
 */
class VersionClassGenerationTest {

    /** Lint as strict as a build that treats warnings as errors; the processor's own notes aside. */
    private static final String[] STRICT = {"-Xlint:all,-processing", "-Werror"};

    @TempDir
    Path output;

    @Test
    void versionClassOfARepresentativeEntityMapsItsVersionTable() {
        assertGeneratesExactly("representative_entity");
    }

    @Test
    void everyVersionedRelationGetsAnAccessorOfItsDeclaredTypeWithoutWarnings() {
        assertGeneratesExactly("every_relation", STRICT);
    }

    @Test
    void relationAccessorsOfAGenericMappedSuperclassHaveTheTypesTheEntityBinds() {
        assertGeneratesExactly("generic_mapped_superclass", STRICT);
    }

    @Test
    void relationsOfAnEntityWithPropertyAccessAreNamedAfterItsGetters() {
        assertGeneratesExactly("property_access_relations");
    }

    @Test
    void aRelationAccessorNamedLikeAnotherGetterTakesTheRelationSuffix() {
        assertGeneratesExactly("relation_accessor_suffix");
    }

    @Test
    void relationAccessorsDelegateToTheBoundVersion() {
        assertGeneratesExactly("relation_accessors_bound");
    }

    @Test
    void propertyAccessAndMappedSuperclassesAreFollowed() {
        assertGeneratesExactly("property_access_mapped_superclass");
    }

    @Test
    void deprecatedMappingAnnotationsCompileWithoutWarningsUnderWerror() {
        assertGeneratesExactly("deprecated_mapping", STRICT);
    }

    @Test
    void aChildOfAJoinColumnOneToManyMapsTheKeyItsParentWritesIntoItsRows() {
        assertGeneratesExactly("join_column_child", STRICT);
    }

    @Test
    void keysOfSeveralJoinColumnCollectionsAreNamedApartAndOnlyTheVersionedOnesMapped() {
        assertGeneratesExactly("join_column_children", STRICT);
    }

    @Test
    void aQuotedTableNameIsQuotedWholeWithTheSuffixAsTheRuntimeNamesIt() {
        assertGeneratesExactly("quoted_names", STRICT);
    }

    @Test
    void modifiedFlagsGetABooleanFieldAndAnIsModifiedGetterPerProperty() {
        assertGeneratesExactly("modified_flags", STRICT);
    }

    /** Compiles the fixture's inputs; nothing may be reported, and the generated sources must be the fixture's. */
    private void assertGeneratesExactly(String name, String... options) {
        Fixture fixture = Fixture.named(name);

        assertThat(TestCompiler.withProcessor(output).withOptions(options).compile(fixture.inputs())).isEmpty();

        fixture.assertGenerated(output);
    }
}
