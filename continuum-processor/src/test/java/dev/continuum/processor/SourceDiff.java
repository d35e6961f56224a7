package dev.continuum.processor;

import java.util.List;

/**
 * Compares a generated source with its fixture and, when they differ, fails with the first
 * differing line and a few lines around it from both, numbered, instead of two whole files.
 */
final class SourceDiff {

    private static final int CONTEXT = 3;

    private SourceDiff() {
    }

    static void assertSame(String fixture, String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        int line = 0;
        while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
            line++;
        }
        StringBuilder message = new StringBuilder("Generated source differs from fixture ").append(fixture);
        if (line == want.size() && line == got.size()) {
            message.append(": same lines, different line endings or final newline");
        } else {
            message.append(" at line ").append(line + 1).append('\n');
            message.append("expected:\n");
            excerpt(message, want, line);
            message.append("actual:\n");
            excerpt(message, got, line);
        }
        message.append("(to accept the generated source, run with -Dcontinuum.fixtures.update=true and review the "
                + "fixture's diff)");
        throw new AssertionError(message.toString());
    }

    private static void excerpt(StringBuilder out, List<String> lines, int differing) {
        int from = Math.max(0, differing - CONTEXT);
        int to = Math.min(lines.size(), differing + CONTEXT + 1);
        for (int i = from; i < to; i++) {
            out.append(i == differing ? "> " : "  ").append(String.format("%4d | ", i + 1)).append(lines.get(i))
                    .append('\n');
        }
        if (differing >= lines.size()) {
            out.append(">      (end of file)\n");
        }
    }
}
