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
 * Deflater: a keyframe is the raw deflate stream of the value; a delta is a format byte followed
 * by the raw deflate stream of copy/insert instructions against a keyframe's content
 * ({@link CopyDelta}): a stretch the two share costs one instruction of a few bytes whatever its
 * length, so a small edit of a large value costs tens of bytes. Stateless.
 */
public final class ValueCodec {

    /** The {@code kind} of a row that holds the whole value. */
    public static final short KEYFRAME = 0;
    /** The {@code kind} of a row that holds a delta against its {@code base_hash}. */
    public static final short DELTA = 1;
    /** The length of a reference: a SHA-256 in hexadecimal. */
    public static final int REFERENCE_LENGTH = 64;

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

    /** The reference of a value: the lower-case hexadecimal SHA-256 of its content. */
    public static String reference(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    /** A keyframe: the raw deflate stream of {@code content}. */
    public static byte[] keyframe(byte[] content) {
        return deflate(content);
    }

    /** A delta: {@link CopyDelta#FORMAT}, then the deflated copy/insert instructions that make {@code content} from {@code base}. */
    public static byte[] delta(byte[] content, byte[] base) {
        byte[] instructions = deflate(CopyDelta.instructions(content, base));
        byte[] delta = new byte[instructions.length + 1];
        delta[0] = CopyDelta.FORMAT;
        System.arraycopy(instructions, 0, delta, 1, instructions.length);
        return delta;
    }

    /** The content of a stored row: {@code data} inflated, a delta applied to {@code base}, its keyframe's content. */
    public static byte[] decode(short kind, byte[] data, byte[] base, int length) {
        if (kind == DELTA) {
            if (base == null) {
                throw new IllegalStateException("A delta needs its keyframe");
            }
            if (data.length == 0 || data[0] != CopyDelta.FORMAT) {
                throw new IllegalStateException("A stored delta has an unknown format " + (data.length == 0 ? "(empty)"
                        : Byte.toString(data[0])) + "; this version of Continuum reads format " + CopyDelta.FORMAT);
            }
            return CopyDelta.apply(inflateAll(data, 1), base, length);
        }
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
