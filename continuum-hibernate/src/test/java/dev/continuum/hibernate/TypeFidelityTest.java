package dev.continuum.hibernate;

import dev.continuum.hibernate.model.Address;
import dev.continuum.hibernate.model.Priority;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.model.TypeZoo;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shadow columns have the live columns' SQL types, and each value read back from a version row
 * is the value Hibernate wrote to the live row.
 */
@Model(TypeZoo.class)
class TypeFidelityTest {

    private static final List<String> DATA_COLUMNS = List.of("id", "shorttext", "largetext", "amount", "localday", "moment",
            "offsetmoment", "instant", "prioritybyname", "prioritybyordinal", "color", "street", "city", "uuid",
            "bytes", "flag", "document");

    private static TypeZoo sample() {
        TypeZoo zoo = new TypeZoo();
        zoo.id = 1L;
        zoo.shortText = "Grüße, 世界";
        zoo.largeText = "x".repeat(60_000);
        zoo.amount = new BigDecimal("12345.6789");
        zoo.localDay = LocalDate.of(2024, 2, 29);
        zoo.moment = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000);
        zoo.offsetMoment = OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.ofHours(2));
        zoo.instant = Instant.parse("2024-02-29T11:14:15.654321Z");
        zoo.priorityByName = Priority.HIGH;
        zoo.priorityByOrdinal = Priority.MEDIUM;
        zoo.color = new Rgb(255, 128, 1);
        zoo.address = new Address("1 Main St", "Springfield");
        zoo.uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        zoo.bytes = new byte[] {0, 1, 2, (byte) 0xff};
        zoo.flag = true;
        zoo.document = new LinkedHashMap<>(Map.of("tags", List.of("a", "b"), "count", 3));
        return zoo;
    }

    @DatabaseTest
    void everyValueReadBackFromTheVersionRowEqualsTheLiveRow(Db db) {
        db.run(em -> em.persist(sample()));

        Map<String, Object> live = db.rows("select * from type_zoo").get(0);
        Map<String, Object> version = db.rows("select * from type_zoo_version").get(0);
        for (String column : DATA_COLUMNS) {
            assertThat(live).containsKey(column);
            assertSameValue(column, version.get(column), live.get(column));
        }
        assertThat(live.get("shorttext")).isEqualTo("Grüße, 世界");
        assertThat((String) version.get("largetext")).hasSize(60_000);
        assertThat(version.get("color")).isEqualTo("#ff8001");
        assertThat(version.get("prioritybyname")).isEqualTo("HIGH");
        assertThat(((Number) version.get("prioritybyordinal")).intValue()).isEqualTo(1);
    }

    @DatabaseTest
    void updatedValuesAreRecordedWithTheSameFidelity(Db db) {
        db.run(em -> em.persist(sample()));
        db.run(em -> {
            TypeZoo zoo = em.find(TypeZoo.class, 1L);
            zoo.bytes = new byte[] {9, 8, 7};
            zoo.document = Map.of("changed", true);
            zoo.instant = zoo.instant.plus(1, ChronoUnit.DAYS);
            zoo.amount = null;
        });

        Map<String, Object> live = db.rows("select * from type_zoo").get(0);
        Map<String, Object> latest = db.rows("select * from type_zoo_version where operation_type = 1").get(0);
        for (String column : DATA_COLUMNS) {
            assertSameValue(column, latest.get(column), live.get(column));
        }
        assertThat(latest.get("amount")).isNull();
    }

    @DatabaseTest
    void mutatingAByteArrayInPlaceAfterTheFlushDoesNotChangeTheRecordedVersion(Db db) {
        db.run(em -> {
            TypeZoo zoo = sample();
            em.persist(zoo);
            em.flush();
            zoo.bytes[0] = 42;
            zoo.bytes = zoo.bytes.clone();
            zoo.bytes[0] = 43;
        });

        byte[] recorded = (byte[]) db.rows("select bytes from type_zoo_version").get(0).get("bytes");
        assertThat(recorded[0]).isEqualTo((byte) 43);
    }

    @DatabaseTest
    void shadowColumnsHaveTheSqlTypesOfTheLiveColumns(Db db) throws SQLException {
        Map<String, String> live = columnTypes(db, "type_zoo");
        Map<String, String> shadow = columnTypes(db, "type_zoo_version");
        assertThat(live.keySet()).containsAll(DATA_COLUMNS);
        for (String column : DATA_COLUMNS) {
            assertThat(shadow.get(column)).as("type of type_zoo_version.%s", column).isEqualTo(live.get(column));
        }
        assertThat(shadow).containsKeys("transaction_id", "end_transaction_id", "operation_type");
    }

    private static Map<String, String> columnTypes(Db db, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection connection = db.connect()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, null)) {
                    while (rs.next()) {
                        types.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getString("TYPE_NAME")
                                + "(" + rs.getInt("COLUMN_SIZE") + "," + rs.getInt("DECIMAL_DIGITS") + ")");
                    }
                }
            }
        }
        return types;
    }

    private static void assertSameValue(String column, Object actual, Object expected) {
        if (expected instanceof byte[] bytes) {
            assertThat(actual).as(column).isInstanceOf(byte[].class);
            assertThat(Arrays.equals((byte[]) actual, bytes)).as(column).isTrue();
        } else {
            assertThat(actual).as(column).isEqualTo(expected);
        }
    }
}
