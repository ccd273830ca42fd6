package dev.zos.core.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityStoreTest {
    // ithaka-dev/unity-chain scripts/keys.md, ed25519 "Alice" (see KnownAnswerTest).
    private static final String PHRASE = "marble crisp cover huge yellow quick warm pudding spatial engage unfair million";
    private static final String PUBLIC_KEY = "e7988839e659db69ae9ad08c3ef2ccabba44236024a039ebad83bd8fc75dccfb";
    private static final String SEED = "0xfd72a60d6cd6d226c7dac996b9479bf5f4631434fd6b1bdec3e76e35a39e2be4";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path config;

    private IdentityStore store() {
        return new IdentityStore(config, Clock.fixed(NOW.plusMillis(678), ZoneOffset.UTC));
    }

    @Test
    void createWritesAPrivateVersionedFile() throws IOException {
        Identity alice = store().create("alice", 24);

        Path file = config.resolve("identities/alice.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        var json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("format").asText()).isEqualTo("zos-identity");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("source").asText()).isEqualTo("mnemonic");
        assertThat(Mnemonic.parse(json.get("secret").asText()).wordCount()).isEqualTo(24);
        assertThat(alice.created()).isEqualTo(NOW);
        assertThat(alice.source()).isEqualTo(SourceKind.MNEMONIC);
        assertThat(store().key("alice").publicKeyHex()).isEqualTo(alice.publicKey());
        assertThat(store().get("alice")).isEqualTo(alice);
    }

    @Test
    void createOffersTwelveOrTwentyFourWords() {
        assertThat(store().create("short", 12).publicKey()).hasSize(64);
        assertThatThrownBy(() -> store().create("odd", 15))
                .hasMessage("word count 15 is not offered; create with 12 or 24 words");
        assertThat(config.resolve("identities/odd.json")).doesNotExist();
    }

    @Test
    void importsMnemonicsAndSeedsToTheSameKey() {
        Identity fromPhrase = store().importSecret("phrase", "  " + PHRASE.toUpperCase() + "\n");
        Identity fromSeed = store().importSecret("seed", SEED);

        assertThat(fromPhrase.publicKey()).isEqualTo(PUBLIC_KEY).isEqualTo(fromSeed.publicKey());
        assertThat(fromPhrase.ss58()).isEqualTo("5HJNEJ6KCG8PDzXC7ZeNDJetktYzpyPXi8GLVagP8fvC8tdH");
        assertThat(fromPhrase.source()).isEqualTo(SourceKind.MNEMONIC);
        assertThat(fromSeed.source()).isEqualTo(SourceKind.SEED);
        assertThat(store().revealSecret("phrase")).isEqualTo(PHRASE);
        assertThat(store().revealSecret("seed")).isEqualTo(SEED);
        assertThat(store().key("seed")).isEqualTo(store().key("phrase"));
    }

    @Test
    void badSecretsAreRejectedAndNothingIsWritten() {
        assertThatThrownBy(() -> store().importSecret("bad", "0x1234")).isInstanceOf(ZosException.class);
        assertThatThrownBy(() -> store().importSecret("bad", PHRASE.replace("marble", "marbel")))
                .hasMessageContaining("word 1 \"marbel\"");
        assertThat(config.resolve("identities/bad.json")).doesNotExist();
    }

    @Test
    void existingNameIsAConflictUnlessForced() {
        store().importSecret("alice", PHRASE);
        assertThatThrownBy(() -> store().create("alice", 12))
                .isInstanceOfSatisfying(ZosException.class, e -> assertThat(e.kind()).isEqualTo(ZosException.Kind.CONFLICT))
                .hasMessageContaining("identity \"alice\" already exists");
        assertThat(store().get("alice").publicKey()).isEqualTo(PUBLIC_KEY);

        Identity replaced = store().create("alice", 12, true);
        assertThat(replaced.publicKey()).isNotEqualTo(PUBLIC_KEY);
        assertThat(store().get("alice")).isEqualTo(replaced);
    }

    @Test
    void firstIdentityBecomesCurrentAndUseSwitches() {
        var store = store();
        assertThat(store.current()).isEmpty();
        assertThatThrownBy(store::currentKey)
                .isInstanceOfSatisfying(ZosException.class, e -> assertThat(e.kind()).isEqualTo(ZosException.Kind.NOT_FOUND));

        Identity alice = store.importSecret("alice", PHRASE);
        Identity bob = store.create("bob", 12);
        assertThat(store.current()).contains(alice);
        assertThat(store.currentKey().publicKeyHex()).isEqualTo(PUBLIC_KEY);

        assertThat(store.use("bob")).isEqualTo(bob);
        assertThat(new IdentityStore(config).current()).contains(bob);
        assertThatThrownBy(() -> store.use("carol"))
                .isInstanceOfSatisfying(ZosException.class, e -> assertThat(e.kind()).isEqualTo(ZosException.Kind.NOT_FOUND));
        assertThat(store.current()).contains(bob);
    }

    @Test
    void listIsSortedAndIgnoresBookkeepingFiles() {
        var store = store();
        assertThat(store.list()).isEmpty();
        store.create("zed", 12);
        store.importSecret("alice", PHRASE);
        store.create("m-1", 12);
        assertThat(store.list()).extracting(Identity::name).containsExactly("alice", "m-1", "zed");
    }

    @Test
    void deleteRemovesTheFileAndClearsCurrent() {
        var store = store();
        store.importSecret("alice", PHRASE);
        store.create("bob", 12);
        store.delete("bob");
        assertThat(store.list()).extracting(Identity::name).containsExactly("alice");
        assertThat(store.current()).map(Identity::name).contains("alice");

        store.delete("alice");
        assertThat(store.current()).isEmpty();
        assertThat(config.resolve("identities/current")).doesNotExist();
        assertThatThrownBy(() -> store.delete("alice"))
                .isInstanceOfSatisfying(ZosException.class, e -> assertThat(e.kind()).isEqualTo(ZosException.Kind.NOT_FOUND))
                .hasMessageContaining("identity \"alice\" does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "-alice", "_a", "a b", "a/b", "../etc", "a.json", "é",
            "abcdefghijabcdefghijabcdefghijabc"})
    void invalidNamesAreRejectedBeforeAnyFileAccess(String name) {
        assertThatThrownBy(() -> store().importSecret(name, PHRASE))
                .isInstanceOfSatisfying(ZosException.class, e -> assertThat(e.kind()).isEqualTo(ZosException.Kind.INVALID))
                .hasMessageContaining("identity name \"" + name + "\" is invalid");
        assertThatThrownBy(() -> store().get(name)).hasMessageContaining("is invalid");
        assertThat(config.resolve("identities")).doesNotExist();
    }

    @Test
    void longestValidNameIsAccepted() {
        String name = "a".repeat(32);
        assertThat(store().importSecret(name, PHRASE).name()).isEqualTo(name);
        assertThat(store().importSecret("0_x-9", SEED).name()).isEqualTo("0_x-9");
    }

    @Test
    void corruptFilesAreNamedInTheError() throws IOException {
        var store = store();
        store.importSecret("alice", PHRASE);
        Path file = config.resolve("identities/alice.json");
        String good = Files.readString(file);

        Files.writeString(file, "{\"format\": \"zos-identity\", \"version\": 1, \"name\": ");
        assertThatThrownBy(() -> store.get("alice")).hasMessageContaining(file + " is not valid JSON");
        assertThatThrownBy(store::list).hasMessageContaining(file.toString());

        Files.writeString(file, "{\"hello\": 1}");
        assertThatThrownBy(() -> store.key("alice")).hasMessageContaining(file + " is not a zos identity file");

        Files.writeString(file, good.replace("\"version\" : 1", "\"version\" : 9"));
        assertThatThrownBy(() -> store.get("alice")).hasMessageContaining(file + " has format version 9");

        Files.writeString(file, good.replace(PUBLIC_KEY, "00" + PUBLIC_KEY.substring(2)));
        assertThatThrownBy(() -> store.get("alice")).hasMessageContaining("does not match its publicKey");

        Files.writeString(file, good.replace("marble", "marbel"));
        assertThatThrownBy(() -> store.get("alice"))
                .hasMessageContaining("not a valid mnemonic or 0x seed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("marbel"));

        Files.writeString(file, good.replace("\"name\" : \"alice\"", "\"name\" : \"bob\""));
        assertThatThrownBy(() -> store.get("alice")).hasMessageContaining("names identity \"bob\"");
    }

    @Test
    void strayFilesInTheDirectoryAreNamed() throws IOException {
        var store = store();
        store.importSecret("alice", PHRASE);
        Path stray = config.resolve("identities/Backup Copy.json");
        Files.writeString(stray, "{}");
        assertThatThrownBy(store::list).hasMessageContaining(stray + " is not named like an identity");
    }

    @Test
    void corruptCurrentFileIsNamedAndRepairedByUse() throws IOException {
        var store = store();
        store.importSecret("alice", PHRASE);
        Files.writeString(config.resolve("identities/current"), "NOT A NAME");
        assertThatThrownBy(store::current).hasMessageContaining("identities/current does not hold a valid identity name");
        store.use("alice");
        assertThat(store.current()).map(Identity::name).contains("alice");
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws IOException {
        var store = store();
        store.importSecret("alice", PHRASE);
        store.create("bob", 12);
        store.create("bob", 24, true);
        store.use("bob");
        store.delete("alice");
        try (Stream<Path> files = Files.list(config.resolve("identities"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bob.json", "current");
        }
    }

    @Test
    void publicValuesNeverContainTheSecret() throws Exception {
        var store = store();
        Identity identity = store.importSecret("alice", PHRASE);
        String json = new ObjectMapper().writeValueAsString(identity);

        assertThat(json).contains(PUBLIC_KEY).contains("\"created\":\"2026-01-02T03:04:05Z\"")
                .contains("\"source\":\"mnemonic\"");
        for (String shown : new String[] {json, identity.toString(), store.key("alice").toString(),
                TwinSecret.parse(PHRASE).toString(), Mnemonic.parse(PHRASE).toString(),
                IdentityFile.of("alice", TwinSecret.parse(SEED), NOW).toString()}) {
            assertThat(shown).doesNotContain("marble").doesNotContain("crisp").doesNotContain(SEED.substring(2, 20));
        }
    }
}
