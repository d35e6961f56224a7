package dev.continuum.examples.blog.history;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference of two texts word by word: the longest common subsequence of their words (runs of
 * white space count as words, so the text is rebuilt exactly), then what was removed from the old
 * text and added in the new one around it. The common beginning and end are taken off first, so
 * that an edit of one paragraph of a long text compares only that paragraph. When what remains is
 * still too large for the quadratic table ({@value #MAX_CELLS} cells), it is shown as removed and
 * added whole.
 */
public final class WordDiff {

    /** Above this many table cells, the middle of the texts is not compared word by word. */
    static final long MAX_CELLS = 4_000_000;

    private static final Pattern WORD = Pattern.compile("\\s+|[^\\s]+");

    /** What a piece of text is in the new text compared with the old. */
    public enum Kind {
        SAME, ADDED, REMOVED
    }

    /**
     * A run of words of one kind.
     *
     * @param kind whether the words are in both texts, only in the new one, or only in the old one
     * @param text the words, with the white space between them
     */
    public record Segment(Kind kind, String text) {

        /** Whether the words were added in the new text. */
        public boolean added() {
            return kind == Kind.ADDED;
        }

        /** Whether the words were removed from the old text. */
        public boolean removed() {
            return kind == Kind.REMOVED;
        }
    }

    private WordDiff() {
    }

    /**
     * The segments that turn {@code before} into {@code after}: their SAME and REMOVED segments
     * spell {@code before}, their SAME and ADDED segments spell {@code after}.
     *
     * @param before the old text, null for none
     * @param after the new text, null for none
     * @return the segments in text order, neighbours of the same kind merged
     */
    public static List<Segment> between(String before, String after) {
        List<String> a = words(before);
        List<String> b = words(after);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Segment> segments = new ArrayList<>();
        add(segments, Kind.SAME, a.subList(0, prefix));
        middle(segments, a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix));
        add(segments, Kind.SAME, a.subList(a.size() - suffix, a.size()));
        return segments;
    }

    private static void middle(List<Segment> segments, List<String> a, List<String> b) {
        if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
            add(segments, Kind.REMOVED, a);
            add(segments, Kind.ADDED, b);
            return;
        }
        // lengths[i][j]: the longest common subsequence of a[i..] and b[j..]
        int[][] lengths = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lengths[i][j] = a.get(i).equals(b.get(j)) ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                add(segments, Kind.SAME, a.get(i++));
                j++;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                add(segments, Kind.REMOVED, a.get(i++));
            } else {
                add(segments, Kind.ADDED, b.get(j++));
            }
        }
        add(segments, Kind.REMOVED, a.subList(i, a.size()));
        add(segments, Kind.ADDED, b.subList(j, b.size()));
    }

    private static void add(List<Segment> segments, Kind kind, List<String> words) {
        words.forEach(word -> add(segments, kind, word));
    }

    private static void add(List<Segment> segments, Kind kind, String word) {
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).kind() == kind) {
            segments.set(last, new Segment(kind, segments.get(last).text() + word));
        } else {
            segments.add(new Segment(kind, word));
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text != null) {
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group());
            }
        }
        return words;
    }
}
