package dev.continuum.processor.analysis;

import dev.continuum.processor.model.VersionClassModel;

import java.util.List;
import java.util.Optional;

/**
 * What the analysis of one {@code @Versioned} entity found: the version class to write, or none
 * when the entity has a mapping typed version classes cannot follow, and what to report.
 *
 * @param className the qualified name of the version class
 * @param versionClass the class to write; empty when it is skipped
 * @param findings what to report: a warning for each reason the class is skipped
 */
public record VersionClassAnalysis(String className, Optional<VersionClassModel> versionClass,
        List<Finding> findings) {

    public VersionClassAnalysis {
        findings = List.copyOf(findings);
    }
}
