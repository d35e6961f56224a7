package dev.continuum.hibernate.nativemode;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * The columns of {@link Specimen} (versioned natively) and {@link EventSpecimen} (versioned
 * through Hibernate's events), one of each kind the triggers copy, so that the two modes can be
 * compared on the same changes.
 */
@MappedSuperclass
public abstract class SpecimenState {

    /** A level stored both by ordinal and by name. */
    public enum Level { LOW, MEDIUM, HIGH }

    @Id
    private Long id;
    private String title;
    @Column(precision = 12, scale = 3)
    private BigDecimal amount;
    private LocalDate due;
    private LocalDateTime stamp;
    @Enumerated(EnumType.ORDINAL)
    private Level rank;
    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private Level level;
    private Boolean flag;
    @Column(length = 64)
    private byte[] payload;
    @Column(length = 100_000)
    private String body;
    private UUID reference;
    /** Not versioned (excluded by both entities). */
    private String note;

    protected SpecimenState() {
    }

    protected SpecimenState(Long id) {
        this.id = id;
    }

    /** Sets every versioned column to a value. */
    public void fill(String title) {
        this.title = title;
        this.amount = new BigDecimal("1234.500");
        this.due = LocalDate.of(2026, 2, 28);
        this.stamp = LocalDateTime.of(2026, 2, 28, 13, 45, 12, 123_456_000);
        this.rank = Level.MEDIUM;
        this.level = Level.HIGH;
        this.flag = Boolean.TRUE;
        this.payload = new byte[] {0, 1, 2, (byte) 0xff};
        this.body = "x".repeat(20_000);
        this.reference = UUID.fromString("7f000001-0000-4000-8000-000000000001");
    }

    /** Sets every versioned column to null. */
    public void clear() {
        title = null;
        amount = null;
        due = null;
        stamp = null;
        rank = null;
        level = null;
        flag = null;
        payload = null;
        body = null;
        reference = null;
    }

    public Long getId() {
        return id;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public void setFlag(Boolean flag) {
        this.flag = flag;
    }

    public void setPayload(byte[] payload) {
        this.payload = payload;
    }

    public void setNote(String note) {
        this.note = note;
    }

    /** Every versioned column, as text, to compare what the two modes recorded. */
    public String state() {
        return String.join("|", title, amount == null ? null : amount.stripTrailingZeros().toPlainString(),
                String.valueOf(due), String.valueOf(stamp), String.valueOf(rank), String.valueOf(level),
                String.valueOf(flag), Arrays.toString(payload), body == null ? null : body.length() + ":"
                        + body.hashCode(), String.valueOf(reference));
    }
}
