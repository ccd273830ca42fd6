package dev.zos.node.workload.zmachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process an flist says it runs, from its {@code /.startup.toml} in the shape rfs's container converter writes
 * and Zero-OS reads: {@code [startup.entry]} with {@code args.name} (the program), {@code args.args},
 * {@code args.dir} and {@code args.env}. A machine deployed without an entrypoint runs this.
 */
public record StartupEntry(List<String> args, Map<String, String> env, String workdir) {
    static final String FILE = ".startup.toml";
    private static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper TOML = new TomlMapper();

    public StartupEntry {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /**
     * Reads {@code rootfs/.startup.toml}. The file belongs to the deployer's flist: a link is not followed (it could
     * name a file of the node), and errors never quote its content.
     */
    public static StartupEntry of(Path rootfs, String machine) {
        String at = "zmachine " + machine + ": ";
        Path file = rootfs.resolve(FILE);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw ZosException.invalid(at + "data.entrypoint is empty and the flist has no /" + FILE + " to take the process from");
        } catch (IOException e) {
            throw ZosException.invalid(at + "cannot read the flist's /" + FILE + " (a regular file, not a link, is needed)");
        }
        if (bytes.length > MAX_BYTES) {
            throw ZosException.invalid(at + "the flist's /" + FILE + " is larger than " + MAX_BYTES + " bytes");
        }
        return parse(bytes, at);
    }

    static StartupEntry parse(byte[] toml, String at) {
        String where = at + "the flist's /" + FILE + ": ";
        JsonNode entry;
        try {
            entry = TOML.readTree(toml).path("startup").path("entry").path("args");
        } catch (IOException e) {
            throw ZosException.invalid(where + "not valid TOML");
        }
        String program = entry.path("name").asText("");
        if (!entry.path("name").isTextual() || program.isBlank() || program.indexOf('\0') >= 0) {
            throw ZosException.invalid(where + "[startup.entry.args] name (the program) is missing");
        }
        List<String> args = new ArrayList<>(List.of(program));
        for (JsonNode a : entry.path("args")) {
            if (!a.isTextual() || a.asText().indexOf('\0') >= 0) {
                throw ZosException.invalid(where + "[startup.entry.args] args must be a list of strings");
            }
            args.add(a.asText());
        }
        String dir = entry.path("dir").asText("/");
        if (!dir.startsWith("/") || dir.indexOf('\0') >= 0) {
            throw ZosException.invalid(where + "[startup.entry.args] dir must be an absolute path");
        }
        Map<String, String> env = new LinkedHashMap<>();
        var fields = entry.path("env").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || !f.getValue().isValueNode() || f.getValue().asText().indexOf('\0') >= 0) {
                throw ZosException.invalid(where + "[startup.entry.args.env] has an invalid variable '" + f.getKey().replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
            env.put(f.getKey(), f.getValue().asText());
        }
        return new StartupEntry(args, env, dir);
    }
}
