package dev.continuum.hibernate.internal.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who and from where, made to fit the transaction table's columns without failing a transaction. */
class AttributionTest {

    @Test
    void aUserIdThatFitsIsStoredAsItIs() {
        assertThat(Attribution.userId("alice", 255)).isEqualTo("alice");
        assertThat(Attribution.userId(null, 255)).isNull();
    }

    @Test
    void aLongUserIdKeepsItsBeginningAndEndsWithAHashOfTheWhole() {
        String first = "x".repeat(300) + "1";
        String second = "x".repeat(300) + "2";

        assertThat(Attribution.userId(first, 255)).hasSize(255).startsWith("xxxx").contains("~");
        assertThat(Attribution.userId(first, 255)).isNotEqualTo(Attribution.userId(second, 255));
        assertThat(Attribution.userId(first, 255)).isEqualTo(Attribution.userId(first, 255));
    }

    @Test
    void aForwardedForChainKeepsTheClientsAddress() {
        assertThat(Attribution.remoteAddress("203.0.113.7, 198.51.100.1, 192.0.2.44", 50)).isEqualTo("203.0.113.7");
        assertThat(Attribution.remoteAddress("2001:db8::1", 50)).isEqualTo("2001:db8::1");
        assertThat(Attribution.remoteAddress("y".repeat(80), 50)).hasSize(50);
        assertThat(Attribution.remoteAddress(null, 50)).isNull();
    }
}
