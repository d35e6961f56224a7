package dev.continuum.clusters.testing;

/**
 * How much work the cluster tests do: {@code full} (the default) or {@code short}, the form CI
 * runs within its time budget. Set with {@code -Dclusters.mode=short}.
 */
public final class ClusterMode {

    private ClusterMode() {
    }

    /** Whether the short form runs. */
    public static boolean isShort() {
        return "short".equalsIgnoreCase(System.getProperty("continuum.clusters.mode", "full").trim());
    }

    /** {@code full} in the full form, {@code brief} in the short one. */
    public static int pick(int full, int brief) {
        return isShort() ? brief : full;
    }
}
