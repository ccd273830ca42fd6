package dev.zos.imagegen.manifest;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The grid operator's image release key (ed25519). The secret file holds {@code zos-release-secret <hex seed>}
 * (mode 0600); the public file next to it ({@code FILE.pub}) holds the 32-byte public key in hex.
 */
public final class ReleaseKey {
    private static final String SECRET_PREFIX = "zos-release-secret ";

    private ReleaseKey() {
    }

    /** Creates FILE (secret, 0600) and FILE.pub; refuses to overwrite unless {@code force}. */
    public static TwinKey create(Path secretFile, boolean force) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        TwinKey key = TwinKey.fromSeed(seed);
        Path pub = publicFileOf(secretFile);
        try {
            if (!force && (Files.exists(secretFile) || Files.exists(pub))) {
                throw new ZosException(ZosException.Kind.CONFLICT, secretFile + " already exists; pass --force to replace it (images signed with it will no longer verify)");
            }
            if (secretFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(secretFile.toAbsolutePath().getParent());
            }
            Files.deleteIfExists(secretFile);
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secretFile, SECRET_PREFIX + HexFormat.of().formatHex(seed) + "\n");
            Files.writeString(pub, key.publicKeyHex() + "\n");
        } catch (FileAlreadyExistsException e) {
            throw new ZosException(ZosException.Kind.CONFLICT, secretFile + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write release key " + secretFile, e);
        }
        return key;
    }

    public static Path publicFileOf(Path secretFile) {
        return secretFile.resolveSibling(secretFile.getFileName() + ".pub");
    }

    public static TwinKey loadSecret(Path file) {
        String text = read(file).strip();
        if (!text.startsWith(SECRET_PREFIX) || !text.substring(SECRET_PREFIX.length()).matches("[0-9a-f]{64}")) {
            throw ZosException.invalid(file + " is not a release secret key (make one with: zos-imagegen key new FILE)");
        }
        return TwinKey.fromSeed(HexFormat.of().parseHex(text.substring(SECRET_PREFIX.length())));
    }

    /** Reads a public key file (64 hex characters); a secret key file is accepted too. */
    public static byte[] loadPublic(Path file) {
        String text = read(file).strip();
        if (text.startsWith(SECRET_PREFIX)) {
            return loadSecret(file).publicKey();
        }
        if (!text.matches("[0-9a-f]{64}")) {
            throw ZosException.invalid(file + " is not a release public key (64 hex characters)");
        }
        return HexFormat.of().parseHex(text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw ZosException.notFound("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }
}
