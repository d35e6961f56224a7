package dev.continuum.hibernate.model;

import jakarta.persistence.Embeddable;

import java.util.Objects;

@Embeddable
public class Dimensions {
    private Integer width;
    private Integer height;

    protected Dimensions() {
    }

    public Dimensions(Integer width, Integer height) {
        this.width = width;
        this.height = height;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dimensions that && Objects.equals(width, that.width)
                && Objects.equals(height, that.height);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
