package dev.continuum.hibernate.internal.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who made a change and from where, made to fit the transaction table's columns. A value that
 * does not fit must never roll back the business transaction it describes, so it is stored
 * safely instead: a forwarded-for chain ({@code client, proxy1, proxy2}) keeps its first address,
 * the client's; a user id longer than its column keeps its beginning and ends with a hash of the
 * whole, so that two long ids that share a beginning stay distinct.
 */
public final class Attribution {

    /** The length of the hash that ends a shortened user id, with its separator. */
    private static final int HASH_LENGTH = 13;

    private Attribution() {
    }

    /** The user id as stored in a column of {@code length} characters; null stays null. */
    public static String userId(String userId, int length) {
        if (userId == null || userId.length() <= length) {
            return userId;
        }
        return userId.substring(0, length - HASH_LENGTH) + "~" + hash(userId);
    }

    /** The address as stored in a column of {@code length} characters: the first of a chain, cut to fit. */
    public static String remoteAddress(String remoteAddress, int length) {
        if (remoteAddress == null) {
            return null;
        }
        String first = remoteAddress;
        int comma = first.indexOf(',');
        if (comma >= 0) {
            first = first.substring(0, comma);
        }
        first = first.strip();
        return first.length() <= length ? first : first.substring(0, length);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, (HASH_LENGTH - 1) / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
