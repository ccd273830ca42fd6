package dev.zos.core.identity;

import dev.zos.core.files.AtomicFile;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Named identities (profiles) under a config directory, usually {@code $XDG_CONFIG_HOME/zos}:
 * {@code identities/<name>.json} holds each secret (0600, directory 0700), and {@code identities/current}
 * names the one in use. Every write is atomic, so a crash leaves the old state or the new.
 */
public final class IdentityStore {
    /** The word counts {@link #create} offers: 128-bit and 256-bit entropy. */
    public static final List<Integer> CREATE_WORD_COUNTS = List.of(12, 24);

    private static final String SUFFIX = ".json";
    private static final String CURRENT = "current";

    private final Path directory;
    private final Clock clock;

    public IdentityStore(Path configDirectory) {
        this(configDirectory, Clock.systemUTC());
    }

    public IdentityStore(Path configDirectory, Clock clock) {
        this.directory = configDirectory.resolve("identities");
        this.clock = clock;
    }

    /** The {@code identities} directory. */
    public Path directory() {
        return directory;
    }

    /** Creates an identity from a new mnemonic; see {@link #create(String, int, boolean)}. */
    public Identity create(String name, int words) {
        return create(name, words, false);
    }

    /**
     * Creates an identity from a new mnemonic of 12 or 24 words. The first identity in a store
     * becomes the current one. An existing name is a CONFLICT unless {@code force}.
     */
    public Identity create(String name, int words, boolean force) {
        Identity.requireValidName(name);
        if (!CREATE_WORD_COUNTS.contains(words)) {
            throw ZosException.invalid("word count " + words + " is not offered; create with 12 or 24 words");
        }
        return save(name, TwinSecret.generate(words), force);
    }

    public Identity importSecret(String name, String mnemonicOrHexSeed) {
        return importSecret(name, mnemonicOrHexSeed, false);
    }

    /** Stores a given mnemonic or {@code 0x} hex seed under {@code name}; like {@link #create} otherwise. */
    public Identity importSecret(String name, String mnemonicOrHexSeed, boolean force) {
        Identity.requireValidName(name);
        return save(name, TwinSecret.parse(mnemonicOrHexSeed), force);
    }

    /** Every identity, sorted by name; a damaged file fails the listing with an error naming it. */
    public List<Identity> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Identity> identities = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (fileName.startsWith(".")) {
                    continue;
                }
                try {
                    Identity.requireValidName(name);
                } catch (ZosException e) {
                    throw ZosException.invalid("file " + file + " is not named like an identity; "
                            + "move it out of " + directory);
                }
                identities.add(load(name).identity());
            }
        } catch (IOException e) {
            throw unavailable("cannot list " + directory, e);
        }
        identities.sort(Comparator.comparing(Identity::name));
        return identities;
    }

    public Identity get(String name) {
        return load(name).identity();
    }

    /** The key pair of identity {@code name}, for signing. */
    public TwinKey key(String name) {
        return load(name).secret().key();
    }

    /** The mnemonic or hex seed of {@code name}: only for a person who explicitly asked to see it. */
    public String revealSecret(String name) {
        return load(name).secret().reveal();
    }

    /** The identity in use, if one is chosen and still exists. */
    public Optional<Identity> current() {
        return currentName().filter(name -> Files.exists(file(name))).map(this::get);
    }

    /** The key of the identity in use; NOT_FOUND if none is chosen. */
    public TwinKey currentKey() {
        Identity identity = current().orElseThrow(() -> ZosException.notFound(
                "no current identity; create or import one, or choose one by name"));
        return key(identity.name());
    }

    /** Makes {@code name} the identity in use. */
    public Identity use(String name) {
        Identity identity = get(name);
        try {
            AtomicFile.replace(directory.resolve(CURRENT), (name + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable("cannot record the current identity in " + directory, e);
        }
        return identity;
    }

    /** Deletes {@code name}; if it was the current identity, none is current afterwards. */
    public void delete(String name) {
        Path file = existingFile(name);
        try {
            if (currentName().filter(name::equals).isPresent()) {
                AtomicFile.delete(directory.resolve(CURRENT));
            }
            AtomicFile.delete(file);
        } catch (IOException e) {
            throw unavailable("cannot delete " + file, e);
        }
    }

    private Identity save(String name, TwinSecret secret, boolean force) {
        IdentityFile stored = IdentityFile.of(name, secret, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        Path file = file(name);
        try {
            AtomicFile.privateDirectory(directory);
            if (force) {
                AtomicFile.replace(file, stored.toJson());
            } else if (!AtomicFile.createNew(file, stored.toJson())) {
                throw new ZosException(ZosException.Kind.CONFLICT, "identity \"" + name
                        + "\" already exists; choose another name, or replace it explicitly (force)");
            }
        } catch (IOException e) {
            throw unavailable("cannot write " + file, e);
        }
        if (!hasCurrent()) {
            use(name);
        }
        return stored.identity();
    }

    private boolean hasCurrent() {
        try {
            return currentName().filter(current -> Files.isRegularFile(file(current))).isPresent();
        } catch (ZosException e) {
            return false; // a damaged pointer is simply replaced by the new identity
        }
    }

    private IdentityFile load(String name) {
        Path file = existingFile(name);
        try {
            return IdentityFile.parse(file, Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw missing(name);
        } catch (IOException e) {
            throw unavailable("cannot read " + file, e);
        }
    }

    private Optional<String> currentName() {
        Path file = directory.resolve(CURRENT);
        String name;
        try {
            name = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("cannot read " + file, e);
        }
        try {
            return Optional.of(Identity.requireValidName(name));
        } catch (ZosException e) {
            throw ZosException.invalid("current-identity file " + file
                    + " does not hold a valid identity name; choose an identity by name again");
        }
    }

    private Path existingFile(String name) {
        Path file = file(Identity.requireValidName(name));
        if (!Files.isRegularFile(file)) {
            throw missing(name);
        }
        return file;
    }

    private Path file(String name) {
        return directory.resolve(name + SUFFIX);
    }

    private ZosException missing(String name) {
        return ZosException.notFound("identity \"" + name + "\" does not exist in " + directory
                + "; list identities to see the names");
    }

    private static ZosException unavailable(String what, IOException e) {
        return ZosException.unavailable(what + ": " + e.getMessage() + "; check the directory's owner and free space", e);
    }
}
