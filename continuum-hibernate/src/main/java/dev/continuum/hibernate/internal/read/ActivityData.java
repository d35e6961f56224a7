package dev.continuum.hibernate.internal.read;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The key/value data of an activity as the activity table stores it: URL-encoded, {@code k=v&k2=v2}. */
final class ActivityData {

    private ActivityData() {
    }

    /** The stored form of {@code data}, or null when it is empty. */
    static String encode(Map<String, String> data) {
        if (data.isEmpty()) {
            return null;
        }
        StringJoiner joined = new StringJoiner("&");
        data.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** The data stored as {@code text} (null: none). */
    static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            data.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return data;
    }
}
