package dev.continuum.processor;

import dev.continuum.processor.analysis.VersionClassAnalyzer;
import dev.continuum.processor.model.VersionClassModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processor's options ({@code -A<name>=<value>}), named like the runtime settings they must
 * match. Options that were renamed are still read, with a warning naming the new name, so that a
 * build that sets them does not silently change what it generates.
 *
 * @param generate whether version classes are generated ({@code continuum.generate}, default true)
 * @param packages the packages, with their subpackages, to check and generate for; empty for all
 * @param naming the names of the version classes, tables and bookkeeping columns
 * @param warnings what to tell about renamed options
 */
record ProcessorOptions(boolean generate, List<String> packages, VersionClassAnalyzer.Naming naming,
        List<String> warnings) {

    static final String GENERATE = "continuum.generate";
    static final String PACKAGES = "continuum.packages";
    static final String VERSION_CLASS_SUFFIX = "continuum.version_class_suffix";
    static final String TABLE_SUFFIX = "continuum.table_suffix";
    static final String TRANSACTION_ID_COLUMN = "continuum.transaction_id_column";
    static final String END_TRANSACTION_ID_COLUMN = "continuum.end_transaction_id_column";
    static final String OPERATION_TYPE_COLUMN = "continuum.operation_type_column";
    static final String MODIFIED_FLAGS = "continuum.modified_flags";

    /** Former names, before the options were named like the runtime settings, by their new names. */
    static final Map<String, String> RENAMED = Map.of(
            VERSION_CLASS_SUFFIX, "continuum.versionClassSuffix",
            TABLE_SUFFIX, "continuum.tableSuffix");

    /** Reads the options the compiler was given. */
    static ProcessorOptions of(Map<String, String> options) {
        List<String> warnings = new ArrayList<>();
        String classSuffix = renamed(options, VERSION_CLASS_SUFFIX, "Version", warnings);
        String tableSuffix = renamed(options, TABLE_SUFFIX, "_version", warnings);
        VersionClassModel.Bookkeeping bookkeeping = new VersionClassModel.Bookkeeping(
                options.getOrDefault(TRANSACTION_ID_COLUMN, "transaction_id"),
                options.getOrDefault(END_TRANSACTION_ID_COLUMN, "end_transaction_id"),
                options.getOrDefault(OPERATION_TYPE_COLUMN, "operation_type"));
        List<String> packages = new ArrayList<>();
        String selected = options.get(PACKAGES);
        if (selected != null) {
            for (String name : selected.split(",")) {
                if (!name.trim().isEmpty()) {
                    packages.add(name.trim());
                }
            }
        }
        boolean generate = !"false".equalsIgnoreCase(options.getOrDefault(GENERATE, "true").trim());
        return new ProcessorOptions(generate, List.copyOf(packages),
                new VersionClassAnalyzer.Naming(classSuffix, tableSuffix, bookkeeping,
                        "true".equalsIgnoreCase(options.getOrDefault(MODIFIED_FLAGS, "false").trim())),
                List.copyOf(warnings));
    }

    /** Whether the package {@code name} is one of {@link #packages()} or a subpackage of one. */
    boolean selects(String name) {
        return packages.isEmpty()
                || packages.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "."));
    }

    private static String renamed(Map<String, String> options, String name, String defaultValue,
            List<String> warnings) {
        String former = RENAMED.get(name);
        Optional<String> current = Optional.ofNullable(options.get(name));
        Optional<String> old = Optional.ofNullable(options.get(former));
        if (old.isPresent() && current.isPresent()) {
            warnings.add("-A" + former + " is ignored: it is now named -A" + name + ", which is given too; remove -A"
                    + former);
        } else if (old.isPresent()) {
            warnings.add("-A" + former + " is now named -A" + name + ", in the snake_case of the runtime settings "
                    + "(continuum.table_suffix, continuum.transaction_id_column...); the old name still works for now "
                    + "but will be removed: use -A" + name + "=" + old.get());
        }
        return current.or(() -> old).orElse(defaultValue);
    }
}
