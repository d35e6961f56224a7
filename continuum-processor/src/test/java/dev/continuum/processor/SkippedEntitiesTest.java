package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Reported;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities whose version class cannot be generated compile all the same: the processor leaves
 * the class out with one warning, on the element that is the reason, saying what and why.
 */
class SkippedEntitiesTest {

    @TempDir
    Path output;

    @Test
    void aSecondaryTableSkipsTheVersionClassWithAWarning() {
        assertSkipped("secondary_table", "com.example.Profile", "@Versioned\n",
                "com.example.ProfileVersion is not generated: typed version classes do not support secondary tables "
                        + "(@SecondaryTable on Profile) yet. Profile is versioned all the same; read its history with "
                        + "VersionHistory");
    }

    @Test
    void aManyToOneToACompositeIdentifierSkipsTheVersionClassWithAWarningOnTheProperty() {
        assertSkipped("many_to_one_to_composite", "com.example.Shipment", "@ManyToOne\n",
                "com.example.ShipmentVersion is not generated: typed version classes do not support foreign keys to "
                        + "composite identifiers (Shipment.line refers to OrderLine) yet. Shipment is versioned all the "
                        + "same; read its history with VersionHistory");
    }

    @Test
    void aPropertyNamedLikeABookkeepingFieldSkipsTheVersionClassWithAWarningOnTheProperty() {
        assertSkipped("bookkeeping_name", "com.example.Payment", "String transactionId",
                "com.example.PaymentVersion is not generated: Payment.transactionId is named like a field the version "
                        + "class needs for Continuum's bookkeeping; rename the property to have it generated. Payment "
                        + "is versioned all the same; read its history with VersionHistory");
    }

    @Test
    void aPropertyNamedLikeTheDelegateOfTheVersionApiSkipsTheVersionClassWithAWarning() {
        assertSkipped("delegate_name", "com.example.Payment", "String continuumVersion",
                "com.example.PaymentVersion is not generated: Payment.continuumVersion is named like a field the "
                        + "version class needs for Continuum's bookkeeping; rename the property to have it generated. "
                        + "Payment is versioned all the same; read its history with VersionHistory");
    }

    @Test
    void aRelationAccessorWhoseNamesAreBothTakenSkipsTheVersionClassWithAWarningOnTheRelation() {
        assertSkipped("relation_accessor_taken", "com.example.Loan", "@ManyToOne Author authorId",
                "com.example.LoanVersion is not generated: the accessor of Loan.authorId would be "
                        + "getAuthorIdRelation(), which the class already has; rename the property to have it "
                        + "generated. Loan is versioned all the same; read its history with VersionHistory");
    }

    /**
     * Compiles the fixture: the only diagnostic must be {@code message}, a warning where
     * {@code fragment} starts in {@code entity}'s source; no version class is written, the entity is compiled.
     */
    private void assertSkipped(String name, String entity, String fragment, String message) {
        Fixture fixture = Fixture.named(name);

        assertThat(TestCompiler.withProcessor(output).compile(fixture.inputs()))
                .containsExactly(new Reported(WARNING, fixture.input(entity).at(fragment), message));
        fixture.assertGenerated(output);
        assertThat(output.resolve(entity.replace('.', '/') + ".class")).exists();
    }
}
