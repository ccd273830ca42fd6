package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Where a node stands. Latitude and longitude are decimal strings, as tfchain stores them,
 * so the canonical transaction JSON never carries a floating-point number.
 */
public record Location(String country, String city, String latitude, String longitude) {
    private static final Pattern DECIMAL = Pattern.compile("^-?\\d{1,3}(\\.\\d{1,12})?$");

    public Location {
        Checks.text(country, "location.country", 64);
        Checks.text(city, "location.city", 64);
        checkDegrees(latitude, "location.latitude", 90);
        checkDegrees(longitude, "location.longitude", 180);
    }

    private static void checkDegrees(String value, String what, int limit) {
        Checks.required(value, what);
        if (!DECIMAL.matcher(value).matches() || new BigDecimal(value).abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
            throw ZosException.invalid(what + " must be a decimal number of degrees within ±" + limit + ", got " + value);
        }
    }
}
