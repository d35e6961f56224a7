package dev.continuum.hibernate.relations;

import dev.continuum.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.SortNatural;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entities for reading relations lazily: an album with a collection of every interface (its songs
 * have plays of their own), a JOINED hierarchy whose subclass holds the foreign key of a
 * one-to-many, and a one-to-one with both sides.
 */
final class LazyModel {

    private LazyModel() {
    }

    @Entity(name = "Genre")
    @Table(name = "lz_genre")
    @Versioned
    static class Genre {
        @Id
        Long id;
        String name;

        Genre() {
        }

        Genre(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** Collections only, like the benchmark's article: a list, a set, a sorted set, maps, a bag. */
    @Entity(name = "Album")
    @Table(name = "lz_album")
    @Versioned
    static class Album {
        @Id
        Long id;
        String title;
        @OneToMany(mappedBy = "album")
        List<Song> songs = new ArrayList<>();
        @ManyToMany
        @JoinTable(name = "lz_album_genre", joinColumns = @JoinColumn(name = "album_id"),
                inverseJoinColumns = @JoinColumn(name = "genre_id"))
        Set<Genre> genres = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "lz_album_mood", joinColumns = @JoinColumn(name = "album_id"))
        @Column(name = "mood")
        @SortNatural
        SortedSet<String> moods = new TreeSet<>();
        @ElementCollection
        @CollectionTable(name = "lz_album_credit", joinColumns = @JoinColumn(name = "album_id"))
        @MapKeyColumn(name = "role")
        @Column(name = "person")
        Map<String, String> credits = new HashMap<>();
        @ElementCollection
        @CollectionTable(name = "lz_album_chart", joinColumns = @JoinColumn(name = "album_id"))
        @MapKeyColumn(name = "chart")
        @Column(name = "chart_rank")
        @SortNatural
        SortedMap<String, Integer> charts = new TreeMap<>();
        @ElementCollection
        @CollectionTable(name = "lz_album_note", joinColumns = @JoinColumn(name = "album_id"))
        @Column(name = "note")
        Collection<String> notes = new ArrayList<>();
        @ElementCollection
        @CollectionTable(name = "lz_album_line", joinColumns = @JoinColumn(name = "album_id"))
        @OrderColumn(name = "line_index")
        @Column(name = "line")
        List<String> liner = new ArrayList<>();

        Album() {
        }

        Album(Long id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    @Entity(name = "Song")
    @Table(name = "lz_song")
    @Versioned
    static class Song {
        @Id
        Long id;
        String title;
        @ManyToOne
        Album album;
        @OneToMany(mappedBy = "song")
        List<Play> plays = new ArrayList<>();

        Song() {
        }

        Song(Long id, String title, Album album) {
            this.id = id;
            this.title = title;
            this.album = album;
        }
    }

    @Entity(name = "Play")
    @Table(name = "lz_play")
    @Versioned
    static class Play {
        @Id
        Long id;
        String listener;
        @ManyToOne
        Song song;

        Play() {
        }

        Play(Long id, String listener, Song song) {
            this.id = id;
            this.listener = listener;
            this.song = song;
        }
    }

    @Entity(name = "Garage")
    @Table(name = "lz_garage")
    @Versioned
    static class Garage {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "garage")
        List<Car> cars = new ArrayList<>();

        Garage() {
        }

        Garage(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Vehicle")
    @Table(name = "lz_vehicle")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Versioned
    static class Vehicle {
        @Id
        Long id;
        String plate;
    }

    /** A JOINED subclass whose own level table holds the foreign key of {@link Garage#cars}. */
    @Entity(name = "Car")
    @Table(name = "lz_car")
    @PrimaryKeyJoinColumn(name = "vehicle_id")
    static class Car extends Vehicle {
        String model;
        @ManyToOne
        @JoinColumn(name = "garage_id")
        Garage garage;

        Car() {
        }

        Car(Long id, String plate, String model, Garage garage) {
            this.id = id;
            this.plate = plate;
            this.model = model;
            this.garage = garage;
        }
    }

    /** A JOINED subclass two levels down: its cars' rows have three levels. */
    @Entity(name = "SportsCar")
    @Table(name = "lz_sports_car")
    static class SportsCar extends Car {
        int horsepower;

        SportsCar() {
        }

        SportsCar(Long id, String plate, String model, Garage garage, int horsepower) {
            super(id, plate, model, garage);
            this.horsepower = horsepower;
        }
    }

    /** Parks cars through a join column of its own, which the write path fills in the car's level table. */
    @Entity(name = "Depot")
    @Table(name = "lz_depot")
    @Versioned
    static class Depot {
        @Id
        Long id;
        String name;
        @OneToMany
        @JoinColumn(name = "depot_id")
        List<Car> parked = new ArrayList<>();

        Depot() {
        }

        Depot(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Person")
    @Table(name = "lz_person")
    @Versioned
    static class Person {
        @Id
        Long id;
        String name;
        @OneToOne(mappedBy = "holder")
        Passport passport;

        Person() {
        }

        Person(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Passport")
    @Table(name = "lz_passport")
    @Versioned
    static class Passport {
        @Id
        Long id;
        String number;
        @OneToOne
        @JoinColumn(name = "holder_id")
        Person holder;

        Passport() {
        }

        Passport(Long id, String number, Person holder) {
            this.id = id;
            this.number = number;
            this.holder = holder;
        }
    }
}
