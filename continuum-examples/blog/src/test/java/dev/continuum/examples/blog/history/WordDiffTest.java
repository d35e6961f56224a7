package dev.continuum.examples.blog.history;

import dev.continuum.examples.blog.history.WordDiff.Kind;
import dev.continuum.examples.blog.history.WordDiff.Segment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The word difference the comparison page shows. */
@Tag("database-independent")
class WordDiffTest {

    private static String spell(List<Segment> segments, Kind left) {
        return segments.stream().filter(segment -> segment.kind() != left).map(Segment::text).collect(Collectors.joining());
    }

    @Test
    void aReplacedWordIsRemovedAndAdded() {
        List<Segment> diff = WordDiff.between("the quick brown fox", "the quick red fox");

        assertThat(diff).containsExactly(new Segment(Kind.SAME, "the quick "), new Segment(Kind.REMOVED, "brown"),
                new Segment(Kind.ADDED, "red"), new Segment(Kind.SAME, " fox"));
    }

    @Test
    void theSegmentsSpellBothTextsExactly() {
        String before = "One  two\nthree four, five.";
        String after = "Zero one two\n\nthree five. Six";

        List<Segment> diff = WordDiff.between(before, after);

        assertThat(spell(diff, Kind.ADDED)).isEqualTo(before);
        assertThat(spell(diff, Kind.REMOVED)).isEqualTo(after);
    }

    @Test
    void wordsKeptInOrderAreNotMarked() {
        List<Segment> diff = WordDiff.between("a b c d e", "a c e");

        assertThat(diff).filteredOn(Segment::removed).extracting(segment -> segment.text().strip())
                .containsExactly("b", "d");
        assertThat(diff).filteredOn(Segment::added).isEmpty();
    }

    @Test
    void aMissingTextIsEmpty() {
        assertThat(WordDiff.between(null, "new text")).containsExactly(new Segment(Kind.ADDED, "new text"));
        assertThat(WordDiff.between("old", null)).containsExactly(new Segment(Kind.REMOVED, "old"));
        assertThat(WordDiff.between(null, null)).isEmpty();
    }

    @Test
    void textsTooLargeToCompareWordByWordAreReplacedWhole() {
        String before = "x ".repeat(2100) + "end";
        String after = "y ".repeat(2100) + "end";

        List<Segment> diff = WordDiff.between(before, after);

        assertThat(diff).extracting(Segment::kind).containsExactly(Kind.REMOVED, Kind.ADDED, Kind.SAME);
        assertThat(spell(diff, Kind.ADDED)).isEqualTo(before);
    }
}
