package dev.continuum.spring.boot;

import dev.continuum.ContinuumException;
import dev.continuum.SchemaMismatchException;
import dev.continuum.spring.boot.autoconfigure.ContinuumFailureAnalyzer;
import dev.continuum.spring.drift.DriftApplication;
import dev.continuum.spring.misconfigured.MisconfiguredApplication;
import dev.continuum.spring.testing.DatabaseCondition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A start-up that fails on Continuum's checks is reported by Spring Boot's failure analysis. */
@ExtendWith({DatabaseCondition.class, OutputCaptureExtension.class})
class FailureAnalysisTest {

    /** Starts an application with the given properties, which win over application.properties. */
    static Throwable start(Class<?> application, String... properties) {
        String[] arguments = Arrays.stream(properties).map(property -> "--" + property).toArray(String[]::new);
        return catchThrowable(() -> new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .run(arguments).close());
    }

    static Throwable startWithoutVersionTable() {
        // A transaction table of its own, so that no other test has created it.
        return start(DriftApplication.class, "spring.jpa.hibernate.ddl-auto=none",
                "continuum.transaction-table=drift_transaction");
    }

    @Test
    void aSchemaMismatchIsReportedWithWhatDiffersAndTheFix(CapturedOutput output) {
        startWithoutVersionTable();

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The database schema does not have what Continuum needs to record history")
                .contains("ledger_version")
                .contains("drift_transaction")
                .contains("spring.jpa.hibernate.ddl-auto=update")
                .contains("continuum.schema-validation=false");
    }

    @Test
    void theAnalysisSeparatesTheDifferencesFromTheAction() {
        FailureAnalysis analysis = new ContinuumFailureAnalyzer().analyze(startWithoutVersionTable());

        assertThat(analysis.getCause()).isInstanceOf(SchemaMismatchException.class);
        assertThat(analysis.getDescription()).contains("ledger_version").doesNotContain("Apply the fixes above");
        assertThat(analysis.getAction()).contains("Flyway").contains("spring.jpa.hibernate.ddl-auto=update");
    }

    @Test
    void aMisconfiguredEntityIsReportedWithTheFix(CapturedOutput output) {
        start(MisconfiguredApplication.class, "spring.jpa.hibernate.ddl-auto=none");

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Continuum's configuration is invalid: Memo is @Versioned(exclude = \"titel\")")
                .contains("did you mean 'title'?")
                .contains("continuum.* properties");
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        assertThat(new ContinuumFailureAnalyzer().analyze(new ContinuumException("no Continuum check"))).isNull();
    }
}
