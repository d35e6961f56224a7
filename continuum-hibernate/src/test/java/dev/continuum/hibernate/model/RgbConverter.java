package dev.continuum.hibernate.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class RgbConverter implements AttributeConverter<Rgb, String> {
    @Override
    public String convertToDatabaseColumn(Rgb rgb) {
        return rgb == null ? null : String.format("#%02x%02x%02x", rgb.red(), rgb.green(), rgb.blue());
    }

    @Override
    public Rgb convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        return new Rgb(Integer.parseInt(text.substring(1, 3), 16), Integer.parseInt(text.substring(3, 5), 16),
                Integer.parseInt(text.substring(5, 7), 16));
    }
}
