package dev.continuum.hibernate.mapping;

import dev.continuum.hibernate.mapping.MappingModel.Animal;
import dev.continuum.hibernate.mapping.MappingModel.Car;
import dev.continuum.hibernate.mapping.MappingModel.Circle;
import dev.continuum.hibernate.mapping.MappingModel.Contact;
import dev.continuum.hibernate.mapping.MappingModel.Customer;
import dev.continuum.hibernate.mapping.MappingModel.Document;
import dev.continuum.hibernate.mapping.MappingModel.Dog;
import dev.continuum.hibernate.mapping.MappingModel.LineId;
import dev.continuum.hibernate.mapping.MappingModel.Order;
import dev.continuum.hibernate.mapping.MappingModel.OrderLine;
import dev.continuum.hibernate.mapping.MappingModel.Place;
import dev.continuum.hibernate.mapping.MappingModel.Profile;
import dev.continuum.hibernate.mapping.MappingModel.Puppy;
import dev.continuum.hibernate.mapping.MappingModel.Seat;
import dev.continuum.hibernate.mapping.MappingModel.SeatKey;
import dev.continuum.hibernate.mapping.MappingModel.Square;
import dev.continuum.hibernate.mapping.MappingModel.Truck;
import dev.continuum.hibernate.mapping.MappingModel.User;
import dev.continuum.hibernate.model.Priority;
import dev.continuum.hibernate.model.Rgb;
import dev.continuum.hibernate.testing.VersionRows;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import dev.continuum.hibernate.testing.TestDatabase;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.continuum.hibernate.testing.VersionRows.operation;
import static dev.continuum.hibernate.testing.VersionRows.number;
import static org.assertj.core.api.Assertions.assertThat;

/** Version rows of keys, embeddables, inheritance, secondary tables, large objects and reserved names. */
@Model(value = {OrderLine.class, Seat.class, Customer.class, Document.class, MappingModel.Vehicle.class, Car.class,
        Truck.class, Animal.class, Dog.class, Puppy.class, MappingModel.Shape.class, Circle.class, Square.class,
        Profile.class, Order.class, User.class},
        properties = {"continuum.transaction_table=map_tx", "continuum.transaction_sequence=map_tx_seq"})
class MappingCoverageTest {

    /** A name quoted the way the database quotes identifiers. */
    private static String quoted(Db db, String name) {
        return db.database() == TestDatabase.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    @DatabaseTest
    void anEmbeddedIdIsCopiedColumnByColumnAndAnUpdateClosesOnlyThatKeysVersion(Db db) {
        db.run(em -> {
            for (int line = 1; line <= 2; line++) {
                OrderLine orderLine = new OrderLine();
                orderLine.id = new LineId(7, line);
                orderLine.product = "p" + line;
                orderLine.quantity = line;
                em.persist(orderLine);
            }
        });
        db.run(em -> em.find(OrderLine.class, new LineId(7, 2)).quantity = 20);

        List<Map<String, Object>> rows = db.rows("select orderNo, lineNo, product, quantity, transaction_id, "
                + "end_transaction_id, operation_type from map_order_line_version order by lineNo, transaction_id");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("lineno", 1).containsEntry("product", "p1");
        assertThat(rows.get(0).get("end_transaction_id")).isNull();
        assertThat(number(rows.get(1).get("end_transaction_id"))).isEqualTo(number(rows.get(2).get("transaction_id")));
        assertThat(rows.get(2)).containsEntry("quantity", 20);
        assertThat(number(rows.get(2).get("orderno"))).isEqualTo(7L);
        assertThat(operation(rows.get(2))).isEqualTo(1);
        assertThat(rows.get(2).get("end_transaction_id")).isNull();
    }

    @DatabaseTest
    void anIdClassKeyIsVersionedAndClosedOnAllItsColumns(Db db) {
        db.run(em -> {
            for (String hall : List.of("A", "B")) {
                Seat seat = new Seat();
                seat.hall = hall;
                seat.number = 1;
                seat.holder = "nobody";
                em.persist(seat);
            }
        });
        db.run(em -> em.remove(em.find(Seat.class, new SeatKey("B", 1))));

        List<Map<String, Object>> rows = db.rows("select hall, number, holder, end_transaction_id, operation_type "
                + "from map_seat_version order by hall, transaction_id");
        assertThat(rows).extracting(r -> r.get("hall") + ":" + operation(r)).containsExactly("A:0", "B:0", "B:2");
        assertThat(rows.get(0).get("end_transaction_id")).isNull();
        assertThat(rows.get(1).get("end_transaction_id")).isNotNull();
        assertThat(rows.get(2)).containsEntry("holder", "nobody");
    }

    private static Customer customer() {
        Customer customer = new Customer();
        customer.id = 1L;
        customer.name = "Ada";
        customer.createdBy = "admin";
        customer.contact = new Contact();
        customer.contact.email = "ada@example.org";
        customer.contact.home = new Place("1 Home Rd", "London");
        customer.contact.work = new Place("2 Work St", "Cambridge");
        customer.tier = Priority.HIGH;
        customer.rank = Priority.MEDIUM;
        customer.color = new Rgb(1, 2, 3);
        customer.note = "not versioned";
        return customer;
    }

    @DatabaseTest
    void nestedEmbeddablesMappedSuperclassPropertiesConvertersAndEnumsAreVersioned(Db db) {
        db.run(em -> em.persist(customer()));

        Map<String, Object> row = db.rows("select * from map_customer_version").get(0);
        assertThat(row).containsEntry("name", "Ada").containsEntry("createdby", "admin")
                .containsEntry("email", "ada@example.org")
                .containsEntry("street", "1 Home Rd").containsEntry("city", "London")
                .containsEntry("work_street", "2 Work St").containsEntry("work_city", "Cambridge")
                .containsEntry("tier", "HIGH").containsEntry("color", "#010203");
        assertThat(number(row.get("rank"))).isEqualTo(1L);
    }

    @DatabaseTest
    void theOptimisticLockColumnFormulasAndNotVersionedPropertiesHaveNoShadowColumn(Db db) {
        db.run(em -> em.persist(customer()));
        db.run(em -> em.find(Customer.class, 1L).note = "changed, but not versioned");

        Map<String, Object> row = db.rows("select * from map_customer_version").get(0);
        assertThat(row).doesNotContainKeys("lockversion", "shout", "note");
        assertThat(db.count("map_customer_version")).isEqualTo(1);
        assertThat(db.rows("select lockVersion from map_customer").get(0).get("lockversion")).isNotEqualTo(0L);
    }

    @DatabaseTest
    void largeObjectsReadBackEqualFromTheVersionRow(Db db) throws SQLException {
        String text = "large ".repeat(20_000);
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        db.run(em -> {
            Document document = new Document();
            document.id = 1L;
            document.text = text;
            document.data = data;
            em.persist(document);
        });
        db.run(em -> em.find(Document.class, 1L).text = text + "!");

        List<Object[]> versions = lobs(db, "select text, data from map_document_version order by transaction_id");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)[0]).isEqualTo(text);
        assertThat((byte[]) versions.get(0)[1]).isEqualTo(data);
        assertThat(versions.get(1)[0]).isEqualTo(text + "!");
        assertThat(lobs(db, "select text, data from map_document").get(0)[0]).isEqualTo(text + "!");
    }

    /** Reads text and binary large objects whatever the column type (PostgreSQL keeps @Lob in oid large objects). */
    private static List<Object[]> lobs(Db db, String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet rs = statement.executeQuery()) {
                String textType = rs.getMetaData().getColumnTypeName(1);
                while (rs.next()) {
                    String value;
                    if (textType.equalsIgnoreCase("oid")) {
                        Clob clob = rs.getClob(1);
                        value = clob.getSubString(1, (int) clob.length());
                    } else {
                        value = rs.getString(1);
                    }
                    byte[] bytes;
                    try {
                        bytes = rs.getBytes(2);
                    } catch (SQLException e) {
                        Blob blob = rs.getBlob(2);
                        bytes = blob.getBytes(1, (int) blob.length());
                    }
                    if (rs.getMetaData().getColumnTypeName(2).equalsIgnoreCase("oid")) {
                        Blob blob = rs.getBlob(2);
                        bytes = blob.getBytes(1, (int) blob.length());
                    }
                    rows.add(new Object[] {value, bytes});
                }
            }
            connection.rollback();
        }
        return rows;
    }

    @DatabaseTest
    void singleTableSubclassesShareTheRootsVersionTableWithTheDiscriminator(Db db) {
        db.run(em -> {
            Car car = new Car();
            car.id = 1L;
            car.plate = "CAR-1";
            car.seats = 5;
            Truck truck = new Truck();
            truck.id = 2L;
            truck.plate = "TRK-2";
            truck.payload = 7000;
            em.persist(car);
            em.persist(truck);
        });
        db.run(em -> em.find(Truck.class, 2L).payload = 8000);

        List<Map<String, Object>> rows = db.rows("select id, kind, plate, seats, payload, operation_type "
                + "from map_vehicle_version order by id, transaction_id");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("kind", "car").containsEntry("seats", 5).containsEntry("payload", null);
        assertThat(rows.get(1)).containsEntry("kind", "truck").containsEntry("payload", 7000);
        assertThat(rows.get(2)).containsEntry("kind", "truck").containsEntry("payload", 8000);
        assertThat(operation(rows.get(2))).isEqualTo(1);
    }

    @DatabaseTest
    void joinedInheritanceWritesOneRowPerLevelInTheSameTransaction(Db db) {
        db.run(em -> {
            Puppy puppy = new Puppy();
            puppy.id = 1L;
            puppy.name = "Rex";
            puppy.breed = "collie";
            puppy.toy = "ball";
            em.persist(puppy);
        });

        Map<String, Object> animal = db.rows("select * from map_animal_version").get(0);
        Map<String, Object> dog = db.rows("select * from map_dog_version").get(0);
        Map<String, Object> puppy = db.rows("select * from map_puppy_version").get(0);
        assertThat(animal).containsEntry("name", "Rex").doesNotContainKeys("breed", "toy");
        assertThat(dog).containsEntry("breed", "collie").doesNotContainKeys("name", "id");
        assertThat(number(dog.get("animal_id"))).isEqualTo(1L);
        assertThat(puppy).containsEntry("toy", "ball").doesNotContainKeys("name", "breed");
        assertThat(number(puppy.get("animal_id"))).isEqualTo(1L);
        for (Map<String, Object> row : List.of(animal, dog, puppy)) {
            assertThat(number(row.get("transaction_id"))).isEqualTo(number(animal.get("transaction_id")));
            assertThat(operation(row)).isZero();
        }
    }

    @DatabaseTest
    void aJoinedChangeOfOneLevelWritesEveryLevelAndKeepsEachTablesValidityChain(Db db) {
        db.run(em -> {
            Dog dog = new Dog();
            dog.id = 1L;
            dog.name = "Rex";
            dog.breed = "collie";
            em.persist(dog);
        });
        db.run(em -> em.find(Dog.class, 1L).breed = "sheltie");
        db.run(em -> em.remove(em.find(Dog.class, 1L)));

        for (String table : List.of("map_animal_version", "map_dog_version")) {
            List<Map<String, Object>> rows = db.rows("select transaction_id, end_transaction_id, operation_type from "
                    + table + " order by transaction_id");
            assertThat(rows).as(table).extracting(VersionRows::operation).containsExactly(0, 1, 2);
            assertThat(number(rows.get(0).get("end_transaction_id"))).isEqualTo(number(rows.get(1).get("transaction_id")));
            assertThat(number(rows.get(1).get("end_transaction_id"))).isEqualTo(number(rows.get(2).get("transaction_id")));
            assertThat(rows.get(2).get("end_transaction_id")).isNull();
        }
        assertThat(db.rows("select breed from map_dog_version order by transaction_id"))
                .extracting(r -> r.get("breed")).containsExactly("collie", "sheltie", "sheltie");
        assertThat(db.rows("select name from map_animal_version order by transaction_id"))
                .extracting(r -> r.get("name")).containsExactly("Rex", "Rex", "Rex");
    }

    @DatabaseTest
    void aJoinedRootEntityWritesOnlyTheRootTable(Db db) {
        db.run(em -> {
            Animal animal = new Animal();
            animal.id = 5L;
            animal.name = "generic";
            em.persist(animal);
        });

        assertThat(db.count("map_animal_version")).isEqualTo(1);
        assertThat(db.count("map_dog_version")).isZero();
    }

    @DatabaseTest
    void tablePerClassEntitiesHaveAVersionTableEachWithEveryColumn(Db db) {
        db.run(em -> {
            Circle circle = new Circle();
            circle.id = 1L;
            circle.color = "red";
            circle.radius = 2.5;
            Square square = new Square();
            square.id = 2L;
            square.color = "blue";
            square.side = 4;
            em.persist(circle);
            em.persist(square);
        });
        db.run(em -> em.find(Circle.class, 1L).color = "green");

        List<Map<String, Object>> circles = db.rows("select id, color, radius, end_transaction_id, operation_type "
                + "from map_circle_version order by transaction_id");
        assertThat(circles).extracting(r -> r.get("color")).containsExactly("red", "green");
        assertThat(((Number) circles.get(1).get("radius")).doubleValue()).isEqualTo(2.5);
        assertThat(circles.get(0).get("end_transaction_id")).isNotNull();
        Map<String, Object> square = db.rows("select id, color, side from map_square_version").get(0);
        assertThat(square).containsEntry("color", "blue");
        assertThat(((Number) square.get("side")).doubleValue()).isEqualTo(4.0);
    }

    @DatabaseTest
    void secondaryTableColumnsGoIntoTheEntitysVersionRow(Db db) {
        db.run(em -> {
            Profile profile = new Profile();
            profile.id = 1L;
            profile.handle = "ada";
            profile.bio = "mathematician";
            profile.followers = 10;
            em.persist(profile);
        });
        db.run(em -> em.find(Profile.class, 1L).followers = 11);

        List<Map<String, Object>> rows = db.rows("select id, handle, bio, followers, operation_type "
                + "from map_profile_version order by transaction_id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("handle", "ada").containsEntry("bio", "mathematician")
                .containsEntry("followers", 10);
        assertThat(rows.get(1)).containsEntry("followers", 11).containsEntry("bio", "mathematician");
    }

    @DatabaseTest
    void quotedReservedWordTableAndColumnNamesAreVersioned(Db db) {
        db.run(em -> {
            Order order = new Order();
            order.id = 1L;
            order.select = "all";
            order.from = 3;
            em.persist(order);
            User user = new User();
            user.id = 1L;
            user.group = "admins";
            em.persist(user);
        });
        db.run(em -> em.find(Order.class, 1L).select = "some");

        List<Map<String, Object>> orders = db.rows("select " + quoted(db, "select") + " as s, " + quoted(db, "from")
                + " as f, end_transaction_id from " + quoted(db, "order_version") + " order by transaction_id");
        assertThat(orders).extracting(r -> r.get("s")).containsExactly("all", "some");
        assertThat(orders.get(0).get("end_transaction_id")).isNotNull();
        assertThat(orders.get(1)).containsEntry("f", 3);
        assertThat(db.rows("select " + quoted(db, "group") + " as g from " + quoted(db, "user_version")))
                .extracting(r -> r.get("g")).containsExactly("admins");
    }

    @DatabaseTest
    void theBootCheckAcceptsTheVersionTablesOfEveryMappingUnderValidate(Db db) {
        db.build(Map.of("hibernate.hbm2ddl.auto", "validate")).close();
    }
}
