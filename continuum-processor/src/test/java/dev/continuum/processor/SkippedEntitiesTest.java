package dev.continuum.processor;

import static javax.tools.Diagnostic.Kind.ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.processor.TestCompiler.Reported;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entities whose version class cannot be generated: what the processor reports, and on which element. */
class SkippedEntitiesTest {

    @TempDir
    Path output;

    @Test
    void entityInheritanceIsAnErrorNamingTheWayOut() {
        Fixture fixture = Fixture.named("entity_inheritance");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.Animal").at("@Versioned\n"),
                "Typed version classes do not support entity inheritance (@Inheritance on Animal) yet, so "
                        + "com.example.AnimalVersion cannot be generated for Animal; use -Acontinuum.generate=false, "
                        + "or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void embeddedIdentifierIsAnErrorNamingTheWayOut() {
        Fixture fixture = Fixture.named("embedded_id");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.OrderLine").at("@Versioned\n"),
                "Typed version classes do not support composite identifiers (@EmbeddedId OrderLine.key) yet, so "
                        + "com.example.OrderLineVersion cannot be generated for OrderLine; use "
                        + "-Acontinuum.generate=false, or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void manyToOneToACompositeIdentifierIsAnErrorOnTheProperty() {
        Fixture fixture = Fixture.named("many_to_one_to_composite");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.Shipment").at("@ManyToOne\n"),
                "Typed version classes do not support foreign keys to composite identifiers (Shipment.line refers "
                        + "to OrderLine) yet, so com.example.ShipmentVersion cannot be generated for Shipment; use "
                        + "-Acontinuum.generate=false, or leave its package out of -Acontinuum.packages"));
    }

    @Test
    void propertyNamedLikeABookkeepingPropertyIsAnError() {
        Fixture fixture = Fixture.named("bookkeeping_name");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.Payment").at("String transactionId"),
                "Payment.transactionId is named like a property the version class com.example.PaymentVersion needs "
                        + "for Continuum's bookkeeping; rename the property, or use -Acontinuum.generate=false"));
    }

    @Test
    void propertyNamedLikeTheDelegateOfTheVersionApiIsAnError() {
        Fixture fixture = Fixture.named("delegate_name");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.Payment").at("String continuumVersion"),
                "Payment.continuumVersion is named like a property the version class com.example.PaymentVersion "
                        + "needs for Continuum's bookkeeping; rename the property, or use -Acontinuum.generate=false"));
    }

    @Test
    void aRelationAccessorWhoseNamesAreBothTakenIsAnErrorOnTheRelation() {
        Fixture fixture = Fixture.named("relation_accessor_taken");

        assertThat(compile(fixture)).containsExactly(new Reported(ERROR,
                fixture.input("com.example.Loan").at("@ManyToOne Author authorId"),
                "The accessor of Loan.authorId in com.example.LoanVersion would be getAuthorIdRelation(), which the "
                        + "class already has; rename the property, or use -Acontinuum.generate=false"));
    }

    private java.util.List<Reported> compile(Fixture fixture) {
        return TestCompiler.withProcessor(output).compile(fixture.inputs());
    }
}
