package dev.continuum.processor.model;

import java.util.Locale;

/** Java bean naming, shared by the analysis (to foresee names) and the writer (to write them). */
public final class Names {

    private Names() {
    }

    /** {@code title} gives {@code Title}. */
    public static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /** As {@code java.beans.Introspector} does it: {@code URL} stays {@code URL}, {@code Title} gives {@code title}. */
    public static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
