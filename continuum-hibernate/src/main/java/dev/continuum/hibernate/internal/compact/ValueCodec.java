package dev.continuum.hibernate.internal.compact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Turns a value into the bytes the value table stores and back, with the JDK's own SHA-256 and
 * Deflater: a keyframe is the raw deflate stream of the value; a delta is a format byte followed by
 * copy/insert instructions ({@link CopyDelta}) that make the value from its base, the value before
 * it in its chain: deflated ({@value #DEFLATED_DELTA}) or, when deflating does not make them
 * shorter, as they are ({@value #PLAIN_DELTA}). A stretch the two share costs one instruction of a
 * few bytes whatever its length, so a small edit of a large value costs tens of bytes. Stateless.
 */
public final class ValueCodec {

    /** The length of a reference: the 32 bytes of a SHA-256. */
    public static final int REFERENCE_LENGTH = 32;
    /** The first byte of a delta whose instructions are deflated. */
    static final byte DEFLATED_DELTA = 2;
    /** The first byte of a delta whose instructions are stored as they are. */
    static final byte PLAIN_DELTA = 3;

    private ValueCodec() {
    }

    /** The bytes of a value a compact column holds: UTF-8 for a String, the array itself for a byte[]. */
    public static byte[] content(Object value) {
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalArgumentException("Not a compact value: " + value.getClass().getName());
    }

    /** The value of Java type {@code type} (String or byte[]) whose content is {@code content}. */
    public static Object value(byte[] content, Class<?> type) {
        return type == String.class ? new String(content, StandardCharsets.UTF_8) : content;
    }

    /** The reference of a value: the 32 bytes of the SHA-256 of its content. */
    public static byte[] reference(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    /** A reference in lower-case hexadecimal, as PostgreSQL's {@code encode(value_hash, 'hex')} shows it. */
    public static String hex(byte[] reference) {
        return HexFormat.of().formatHex(reference);
    }

    /** A keyframe: the raw deflate stream of {@code content}. */
    public static byte[] keyframe(byte[] content) {
        return deflate(content);
    }

    /** A delta: a format byte, then the copy/insert instructions that make {@code content} from {@code base}, deflated when that makes them shorter. */
    public static byte[] delta(byte[] content, byte[] base) {
        byte[] instructions = CopyDelta.instructions(content, base);
        byte[] deflated = deflate(instructions);
        boolean deflate = deflated.length < instructions.length;
        byte[] chosen = deflate ? deflated : instructions;
        byte[] delta = new byte[chosen.length + 1];
        delta[0] = deflate ? DEFLATED_DELTA : PLAIN_DELTA;
        System.arraycopy(chosen, 0, delta, 1, chosen.length);
        return delta;
    }

    /** The content of a delta row: its instructions applied to {@code base}, making {@code length} bytes. */
    public static byte[] applyDelta(byte[] data, byte[] base, int length) {
        if (data.length == 0 || data[0] != DEFLATED_DELTA && data[0] != PLAIN_DELTA) {
            throw new IllegalStateException("A stored delta has an unknown format " + (data.length == 0 ? "(empty)"
                    : Byte.toString(data[0])) + "; this version of Continuum reads formats " + DEFLATED_DELTA + " and "
                    + PLAIN_DELTA + " (deltas against the previous value)");
        }
        return data[0] == DEFLATED_DELTA ? CopyDelta.apply(inflateAll(data, 1), base, length)
                : CopyDelta.apply(data, 1, base, length);
    }

    /** The content of a keyframe row: {@code data} inflated to {@code length} bytes. */
    public static byte[] inflate(byte[] data, int length) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] out = new byte[length];
            int done = 0;
            while (done < length) {
                int read = inflater.inflate(out, done, length - done);
                if (read == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += read;
            }
            if (done != length) {
                throw new IllegalStateException("A stored value inflated to " + done + " bytes, not " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("A stored value is not a deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, content.length / 4));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int written = deflater.deflate(buffer);
                out.write(buffer, 0, written);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The whole raw deflate stream in {@code data} from {@code offset} inflated, of a length not known beforehand. */
    private static byte[] inflateAll(byte[] data, int offset) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, offset, data.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 4));
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("A stored delta is truncated");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("A stored delta is not a deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
