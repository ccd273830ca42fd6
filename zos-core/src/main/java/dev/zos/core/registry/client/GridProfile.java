package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.ZosException;
import java.net.URI;
import java.util.regex.Pattern;

/** A named grid the tools talk to: its name and base URL (http or https, no trailing slash). */
public record GridProfile(@JsonProperty("name") String name, @JsonProperty("url") String url) {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");

    public GridProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ZosException.invalid("grid name must be 1 to 63 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, got '" + name + "'");
        }
        url = GridClient.parseUrl(url).toString();
    }

    /** A name for a grid that was given none: its host and port ({@code 127.0.0.1-8080}, {@code grid.example.org}). */
    public static String defaultName(String url) {
        URI uri = GridClient.parseUrl(url);
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        String name = uri.getPort() < 0 ? host : host + "-" + uri.getPort();
        name = name.replaceFirst("^[._-]+", "");
        return name.isEmpty() ? "grid" : name.length() > 63 ? name.substring(0, 63) : name;
    }
}
