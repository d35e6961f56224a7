package dev.continuum.examples.blog.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the pages show and read them, in the blog's time zone ({@code blog.zone}, the
 * system's by default); templates call it as {@code @times}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final ZoneId zone;

    public Times(@Value("${blog.zone:}") String zone) {
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** "2026-11-27 10:15:03 CET". */
    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    /** The value of a {@code datetime-local} input. */
    public String input(Instant instant) {
        return INPUT.format(instant.atZone(zone).truncatedTo(ChronoUnit.SECONDS));
    }

    /** The instant a {@code datetime-local} input means, to the end of its second or minute. */
    public Instant parse(String input) {
        LocalDateTime local = LocalDateTime.parse(input);
        boolean withSeconds = input.length() > "yyyy-MM-ddTHH:mm".length();
        return local.atZone(zone).toInstant().plus(1, withSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES).minusNanos(1);
    }
}
