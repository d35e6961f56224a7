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
 * Deflater: a keyframe is the raw deflate stream of the value; a delta is the raw deflate stream
 * of the value with a keyframe's content as its preset dictionary, so that what the two share is
 * coded as back-references (deflate reaches back 32 KiB, so a delta helps values up to about that
 * size and degrades to plain compression beyond it). Stateless.
 */
public final class ValueCodec {

    /** The {@code kind} of a row that holds the whole value. */
    public static final short KEYFRAME = 0;
    /** The {@code kind} of a row that holds a delta against its {@code base_hash}. */
    public static final short DELTA = 1;
    /** The length of a reference: a SHA-256 in hexadecimal. */
    public static final int REFERENCE_LENGTH = 64;
    /** Deflate's window: the part of a dictionary a delta can refer to. */
    private static final int WINDOW = 32 * 1024;

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
        return deflate(content, null);
    }

    /** A delta: the raw deflate stream of {@code content} with {@code base} (its last 32 KiB) as preset dictionary. */
    public static byte[] delta(byte[] content, byte[] base) {
        return deflate(content, base);
    }

    /** The content of a stored row: {@code data} inflated, with {@code base} as dictionary for a delta. */
    public static byte[] decode(short kind, byte[] data, byte[] base, int length) {
        Inflater inflater = new Inflater(true);
        try {
            if (kind == DELTA) {
                if (base == null) {
                    throw new IllegalStateException("A delta needs its keyframe");
                }
                // a raw stream does not ask for its dictionary: it is set before inflating
                setDictionary(inflater, base);
            }
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

    private static byte[] deflate(byte[] content, byte[] dictionary) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            if (dictionary != null) {
                setDictionary(deflater, dictionary);
            }
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

    private static void setDictionary(Deflater deflater, byte[] dictionary) {
        int from = Math.max(0, dictionary.length - WINDOW);
        deflater.setDictionary(dictionary, from, dictionary.length - from);
    }

    private static void setDictionary(Inflater inflater, byte[] dictionary) {
        int from = Math.max(0, dictionary.length - WINDOW);
        inflater.setDictionary(dictionary, from, dictionary.length - from);
    }
}
