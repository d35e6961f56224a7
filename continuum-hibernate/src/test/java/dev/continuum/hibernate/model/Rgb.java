package dev.continuum.hibernate.model;

/** A value type stored through an AttributeConverter as "#rrggbb". */
public record Rgb(int red, int green, int blue) {
}
