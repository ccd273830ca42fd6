package dev.zos.zdb;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * A namespace's settings as NSSET changes them. {@code password} is null when the namespace is open;
 * {@code maxSize} 0 means unlimited. Kept in {@code settings.properties} next to the data file (mode 0600:
 * it holds the password, as 0-db's own namespace descriptor does).
 */
public record NamespaceSettings(String password, boolean isPublic, long maxSize, Mode mode) {

    /** Key modes: user keys, or sequential 4-byte little-endian ids the server hands out. */
    public enum Mode {
        USER("userkey"), SEQ("sequential");

        private final String infoName;

        Mode(String infoName) {
            this.infoName = infoName;
        }

        public String infoName() {
            return infoName;
        }
    }

    static final String FILE = "settings.properties";

    public NamespaceSettings {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxsize must not be negative");
        }
    }

    public static NamespaceSettings defaults() {
        return new NamespaceSettings(null, true, 0, Mode.USER);
    }

    public NamespaceSettings withPassword(String p) {
        return new NamespaceSettings(p, isPublic, maxSize, mode);
    }

    public NamespaceSettings withPublic(boolean p) {
        return new NamespaceSettings(password, p, maxSize, mode);
    }

    public NamespaceSettings withMaxSize(long m) {
        return new NamespaceSettings(password, isPublic, m, mode);
    }

    public NamespaceSettings withMode(Mode m) {
        return new NamespaceSettings(password, isPublic, maxSize, m);
    }

    static NamespaceSettings load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return defaults();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new NamespaceSettings(p.getProperty("password"),
                    Boolean.parseBoolean(p.getProperty("public", "true")),
                    Long.parseLong(p.getProperty("maxsize", "0")),
                    Mode.valueOf(p.getProperty("mode", "USER")));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad namespace settings in " + f + ": " + e.getMessage(), e);
        }
    }

    /** Writes the settings atomically (temporary file, then rename). */
    void save(Path dir) throws IOException {
        Properties p = new Properties();
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("public", Boolean.toString(isPublic));
        p.setProperty("maxsize", Long.toString(maxSize));
        p.setProperty("mode", mode.name());
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "zos-zdb namespace settings");
        }
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
