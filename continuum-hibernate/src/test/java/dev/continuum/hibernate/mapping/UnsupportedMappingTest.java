package dev.continuum.hibernate.mapping;

import dev.continuum.ConfigurationException;
import dev.continuum.Versioned;
import dev.continuum.hibernate.mapping.NamingModel.Memo;
import dev.continuum.hibernate.testing.DatabaseTest;
import dev.continuum.hibernate.testing.Db;
import dev.continuum.hibernate.testing.Model;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.CollectionId;
import org.hibernate.annotations.CollectionIdJavaClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A mapping Continuum cannot version fails the boot, naming the property and the fix. */
@Model(value = Memo.class, properties = {"continuum.transaction_table=map_unsup_tx",
        "continuum.transaction_sequence=map_unsup_tx_seq"})
class UnsupportedMappingTest {

    @Entity(name = "Album")
    @Table(name = "map_album")
    @Versioned
    static class Album {
        @Id
        Long id;
        @ElementCollection
        @CollectionTable(name = "map_album_song", joinColumns = @JoinColumn(name = "album_id"))
        @Column(name = "song")
        @CollectionId(column = @Column(name = "row_id"), generator = "increment")
        @CollectionIdJavaClass(idType = Long.class)
        List<String> songs = new ArrayList<>();
    }

    @DatabaseTest
    void aCollectionWithASurrogateRowIdFailsTheBoot(Db db) {
        Throwable thrown = catchThrowable(() -> db.build(Map.of(), List.of(Album.class)).close());

        ConfigurationException cause = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException e) {
                cause = e;
            }
        }
        assertThat(cause).isNotNull();
        assertThat(cause.getMessage()).isEqualTo("Album.songs is a collection with a surrogate row id (@CollectionId), "
                + "which Continuum does not version; map it as a Set or List, or mark it @NotVersioned");
    }
}
