package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.zos.core.ZosException;
import dev.zos.core.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The grids a user talks to, shared by every tool: {@code grids.yaml} in the config directory
 * (usually {@code $XDG_CONFIG_HOME/zos}) lists named grids and names the current one.
 * <pre>
 * current: local
 * grids:
 * - name: local
 *   url: http://127.0.0.1:8080
 * </pre>
 * Writes are atomic (temporary file, flush, rename), so a crash leaves the old file or the new.
 */
public final class GridProfiles {
    public static final String FILE = "grids.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public GridProfiles(Path configDirectory) {
        this.file = configDirectory.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Every grid, sorted by name. */
    public List<GridProfile> list() {
        return read().grids().stream().sorted(Comparator.comparing(GridProfile::name)).toList();
    }

    /** The current grid, if one was chosen. */
    public Optional<GridProfile> current() {
        Stored stored = read();
        return stored.grids().stream().filter(g -> g.name().equals(stored.current())).findFirst();
    }

    public Optional<GridProfile> get(String name) {
        return read().grids().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * Records {@code url} under {@code name} (replacing that name's URL) and makes it current. Without a
     * name, a grid already saved with the same URL keeps its name; else the name comes from host and port.
     */
    public GridProfile use(String url, String name) {
        String normalized = GridClient.parseUrl(url).toString();
        Stored stored = read();
        String chosen = name != null ? name : stored.grids().stream().filter(g -> g.url().equals(normalized))
                .map(GridProfile::name).findFirst().orElse(GridProfile.defaultName(normalized));
        var profile = new GridProfile(chosen, normalized);
        var grids = new ArrayList<>(stored.grids().stream().filter(g -> !g.name().equals(chosen)).toList());
        grids.add(profile);
        write(new Stored(chosen, grids));
        return profile;
    }

    private Stored read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Stored(null, List.of());
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Stored stored = bytes.length == 0 ? null : YAML.readValue(bytes, Stored.class);
            return stored == null ? new Stored(null, List.of()) : stored;
        } catch (IOException | ZosException e) {
            String why = e.getCause() instanceof ZosException z ? z.getMessage()
                    : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw ZosException.invalid(file + " is damaged (" + why.replaceAll("\\s+", " ")
                    + "); fix it or delete it and run 'zos grid use URL' again");
        }
    }

    private void write(Stored stored) {
        try {
            AtomicFile.replace(file, YAML.writeValueAsBytes(stored));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + file + ": " + e.getMessage()
                    + "; check the directory's owner and free space", e);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(@JsonProperty("current") String current, @JsonProperty("grids") List<GridProfile> grids) {
        Stored {
            grids = grids == null ? List.of() : List.copyOf(grids);
        }
    }
}
