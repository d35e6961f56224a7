package dev.continuum.hibernate.internal.compact;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The copy/insert instructions of a delta: a sequence of {@code COPY(offset, length)} (bytes of
 * the base's content, the value before it in its chain) and {@code INSERT(length, bytes)} (literal
 * bytes) that makes a value from its base. Each instruction starts with the unsigned
 * varint {@code length << 1 | type} (type 0 copy, 1 insert); a copy follows it with the zigzag
 * varint of its offset minus where the previous copy ended, an insert with its bytes. Matches are
 * found greedily through a rolling hash of every {@value #BLOCK}-byte block of the base (updated
 * in constant time from one position to the next), extended both ways byte by byte, so an
 * unchanged stretch of any length is one instruction. Stateless.
 */
final class CopyDelta {

    /** The shortest stretch worth a copy: shorter ones are inserted. */
    private static final int BLOCK = 16;
    /** The multiplier of the rolling hash, and its power that leaves a block. */
    private static final int PRIME = 0x01000193;
    private static final int LEAVING;

    static {
        int power = 1;
        for (int i = 1; i < BLOCK; i++) {
            power *= PRIME;
        }
        LEAVING = power;
    }

    private CopyDelta() {
    }

    /** The instructions that make {@code target} from {@code base}. */
    static byte[] instructions(byte[] target, byte[] base) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int[] table = index(base);
        int mask = table.length - 1;
        int literal = 0;
        int previousEnd = 0;
        int at = 0;
        int hashed = -2;
        int hash = 0;
        while (at + BLOCK <= target.length) {
            hash = hashed == at - 1 ? roll(hash, target[at - 1], target[at + BLOCK - 1]) : hash(target, at);
            hashed = at;
            int candidate = table.length == 0 ? -1 : table[slot(hash) & mask] - 1;
            if (candidate < 0 || !Arrays.equals(base, candidate, candidate + BLOCK, target, at, at + BLOCK)) {
                at++;
                continue;
            }
            int from = candidate;
            int to = at;
            while (to > literal && from > 0 && base[from - 1] == target[to - 1]) {
                from--;
                to--;
            }
            int length = at - to + BLOCK;
            while (from + length < base.length && to + length < target.length
                    && base[from + length] == target[to + length]) {
                length++;
            }
            insert(out, target, literal, to);
            varint(out, (long) length << 1);
            varint(out, zigzag(from - previousEnd));
            previousEnd = from + length;
            at = to + length;
            literal = at;
        }
        insert(out, target, literal, target.length);
        return out.toByteArray();
    }

    /** {@code target} of {@code length} bytes made by {@code instructions} from {@code base}. */
    static byte[] apply(byte[] instructions, byte[] base, int length) {
        return apply(instructions, 0, base, length);
    }

    /** {@code target} of {@code length} bytes made by the instructions in {@code instructions} from {@code start} on. */
    static byte[] apply(byte[] instructions, int start, byte[] base, int length) {
        byte[] target = new byte[length];
        int[] read = {start};
        int done = 0;
        int previousEnd = 0;
        try {
            while (read[0] < instructions.length) {
                long head = readVarint(instructions, read);
                int size = (int) (head >>> 1);
                if ((head & 1) == 0) {
                    long offset = previousEnd + unzigzag(readVarint(instructions, read));
                    System.arraycopy(base, (int) offset, target, done, size);
                    previousEnd = (int) offset + size;
                } else {
                    System.arraycopy(instructions, read[0], target, done, size);
                    read[0] += size;
                }
                done += size;
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalStateException("A stored delta does not fit its base or its length " + length, e);
        }
        if (done != length) {
            throw new IllegalStateException("A stored delta made " + done + " bytes, not " + length);
        }
        return target;
    }

    /** Position + 1 of a block of {@code base} per hash slot (0: none); the first block of a hash wins. */
    private static int[] index(byte[] base) {
        if (base.length < BLOCK) {
            return new int[0];
        }
        int size = Integer.highestOneBit(Math.max(16, base.length) * 2 - 1);
        int[] table = new int[size];
        int mask = size - 1;
        int hash = hash(base, 0);
        for (int i = 0; i + BLOCK <= base.length; i++) {
            if (i > 0) {
                hash = roll(hash, base[i - 1], base[i + BLOCK - 1]);
            }
            int slot = slot(hash) & mask;
            if (table[slot] == 0) {
                table[slot] = i + 1;
            }
        }
        return table;
    }

    /** The polynomial hash of the block at {@code at}: the sum of each byte times PRIME to the power of the bytes after it. */
    private static int hash(byte[] bytes, int at) {
        int h = 0;
        for (int i = at; i < at + BLOCK; i++) {
            h = h * PRIME + (bytes[i] & 0xFF);
        }
        return h;
    }

    /** The hash of the block one byte on: {@code leaving} goes out at the front, {@code entering} comes in at the end. */
    private static int roll(int hash, byte leaving, byte entering) {
        return (hash - (leaving & 0xFF) * LEAVING) * PRIME + (entering & 0xFF);
    }

    /** Spreads a hash over the table's slots (the low bits of a polynomial hash mix poorly). */
    private static int slot(int hash) {
        int h = hash * 0x9E3779B1;
        return h ^ (h >>> 16);
    }

    private static void insert(ByteArrayOutputStream out, byte[] target, int from, int to) {
        if (to > from) {
            varint(out, (long) (to - from) << 1 | 1);
            out.write(target, from, to - from);
        }
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(byte[] bytes, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("A stored delta has a malformed number");
    }
}
