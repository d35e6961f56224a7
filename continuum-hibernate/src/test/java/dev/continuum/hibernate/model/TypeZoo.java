package dev.continuum.hibernate.model;

import dev.continuum.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One property of each type whose shadow column must match the live column exactly. */
@Entity
@Table(name = "type_zoo")
@Versioned
public class TypeZoo {
    @Id
    public Long id;
    public String shortText;
    @Column(length = 100_000)
    public String largeText;
    @Column(precision = 19, scale = 4)
    public BigDecimal amount;
    public LocalDate localDay;
    public LocalDateTime moment;
    public OffsetDateTime offsetMoment;
    public Instant instant;
    @Enumerated(EnumType.STRING)
    public Priority priorityByName;
    @Enumerated(EnumType.ORDINAL)
    public Priority priorityByOrdinal;
    @Convert(converter = RgbConverter.class)
    public Rgb color;
    @Embedded
    public Address address;
    public UUID uuid;
    public byte[] bytes;
    public boolean flag;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> document;
}
