package dev.continuum.hibernate.internal.compact;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec of compact values: deltas make every value from its base, whatever the edit. */
class ValueCodecTest {

    private static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(20));
        }
        return bytes;
    }

    /** {@code base} with one random edit: a replacement, an insertion, a deletion or a moved stretch. */
    private static byte[] edited(Random random, byte[] base) {
        int at = random.nextInt(base.length);
        int length = Math.min(base.length - at, random.nextInt(300));
        byte[] middle = switch (random.nextInt(4)) {
            case 0 -> random(random, length);
            case 1 -> random(random, length + random.nextInt(50));
            case 2 -> new byte[0];
            default -> Arrays.copyOfRange(base, 0, Math.min(base.length, length));
        };
        byte[] target = new byte[at + middle.length + base.length - at - length];
        System.arraycopy(base, 0, target, 0, at);
        System.arraycopy(middle, 0, target, at, middle.length);
        System.arraycopy(base, at + length, target, at + middle.length, base.length - at - length);
        return target;
    }

    @Test
    void aChainOfRandomEditsDecodesToEveryValue() {
        Random random = new Random(1);
        byte[] value = random(random, 5_000);
        byte[] decoded = ValueCodec.inflate(ValueCodec.keyframe(value), value.length);
        for (int i = 0; i < 2_000; i++) {
            byte[] next = edited(random, value);
            decoded = ValueCodec.applyDelta(ValueCodec.delta(next, value), decoded, next.length);
            assertThat(decoded).isEqualTo(next);
            value = next;
            if (value.length < 100) {
                value = random(random, 5_000);
                decoded = ValueCodec.inflate(ValueCodec.keyframe(value), value.length);
            }
        }
    }

    @Test
    void valuesShorterThanABlockAndEmptyValuesRoundTrip() {
        byte[][] values = {new byte[0], "a".getBytes(StandardCharsets.UTF_8), "fifteen bytes..".getBytes(StandardCharsets.UTF_8),
                "sixteen bytes..!".getBytes(StandardCharsets.UTF_8), "x".repeat(1_000).getBytes(StandardCharsets.UTF_8)};
        for (byte[] base : values) {
            for (byte[] target : values) {
                assertThat(ValueCodec.applyDelta(ValueCodec.delta(target, base), base, target.length)).isEqualTo(target);
            }
        }
    }

    @Test
    void aSmallEditIsTensOfBytesStoredAsItIsAndALargeInsertIsDeflated() {
        byte[] base = random(new Random(2), 20_000);
        byte[] small = base.clone();
        small[10_000] = 'Z';
        byte[] large = new byte[base.length + 4_000];
        System.arraycopy(base, 0, large, 0, base.length);
        Arrays.fill(large, base.length, large.length, (byte) 'q');

        byte[] smallDelta = ValueCodec.delta(small, base);
        byte[] largeDelta = ValueCodec.delta(large, base);

        assertThat(smallDelta).hasSizeLessThan(20);
        assertThat(smallDelta[0]).isEqualTo(ValueCodec.PLAIN_DELTA);
        assertThat(largeDelta[0]).isEqualTo(ValueCodec.DEFLATED_DELTA);
        assertThat(largeDelta).hasSizeLessThan(100);
        assertThat(ValueCodec.applyDelta(largeDelta, base, large.length)).isEqualTo(large);
    }

    @Test
    void aDeltaOfTheEarlierFormatIsRefusedNamingTheFormat() {
        byte[] delta = {1, 0, 0};

        assertThatThrownBy(() -> ValueCodec.applyDelta(delta, new byte[10], 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format 1");
    }
}
