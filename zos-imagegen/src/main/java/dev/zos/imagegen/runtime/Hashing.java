package dev.zos.imagegen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Cache keys: SHA-256 over strings and file contents. */
final class Hashing {
    private final MessageDigest md;

    Hashing() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Hashing add(String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        return this;
    }

    Hashing add(Path file) {
        try {
            md.update(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(md.digest()).substring(0, 24);
    }
}
