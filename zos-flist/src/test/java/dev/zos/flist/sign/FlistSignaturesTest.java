package dev.zos.flist.sign;

import dev.zos.flist.meta.FlistEditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.identity.TwinKey;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.dir.DirStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlistSignaturesTest {
    static final TwinKey ALICE = TwinKey.fromSeed(new byte[32]);
    static final TwinKey BOB = TwinKey.fromSeed(HexFormat.of().parseHex("01".repeat(32)));

    @TempDir
    Path tmp;
    Path fl;

    @BeforeEach
    void pack() throws Exception {
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/hostname"), "signed\n");
        Files.write(tree.resolve("data"), new byte[600_000]);
        fl = tmp.resolve("app.fl");
        Packer.pack(tree, fl, new DirStore(tmp.resolve("store")), PackOptions.builder().tag("author", "alice").build());
    }

    private void sql(String statement) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + fl); var st = db.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    void aSignedFlistVerifiesWithTheSignersKeyOnly() {
        byte[] before = FlistDigest.of(fl);
        SignatureCheck signed = FlistSignatures.sign(fl, ALICE, 7);
        assertThat(signed.valid()).isTrue();
        // signing adds only excluded tags: the digest is unchanged
        assertThat(FlistDigest.of(fl)).isEqualTo(before);
        try (FlistReader r = FlistReader.open(fl)) {
            assertThat(r.tags()).containsEntry(FlistSignatures.TWIN_TAG, "7")
                    .containsEntry(FlistSignatures.KEY_TAG, ALICE.publicKeyHex())
                    .containsEntry("author", "alice");
            assertThat(r.tags().get(FlistSignatures.SIGNATURE_TAG)).hasSize(128);
        }

        SignatureCheck byKey = FlistSignatures.verify(fl, ALICE.publicKey());
        assertThat(byKey.status()).isEqualTo(SignatureCheck.Status.VALID);
        assertThat(byKey.twinId()).isEqualTo(7);
        assertThat(byKey.publicKey()).isEqualTo(ALICE.publicKeyHex());
        assertThat(FlistSignatures.verify(fl, id -> id == 7 ? Optional.of(ALICE.publicKey()) : Optional.empty()).valid()).isTrue();

        assertThat(FlistSignatures.verify(fl, BOB.publicKey()).status()).isEqualTo(SignatureCheck.Status.INVALID);
        assertThat(FlistSignatures.verify(fl, id -> Optional.empty()).status()).isEqualTo(SignatureCheck.Status.UNKNOWN_SIGNER);
        // the registry says twin 7 is bob: a signature by alice claiming twin 7 does not pass
        assertThat(FlistSignatures.verify(fl, id -> Optional.of(BOB.publicKey())).status()).isEqualTo(SignatureCheck.Status.INVALID);
    }

    @Test
    void anyChangeToContentOrTagsBreaksTheSignatureButReroutingDoesNot() throws Exception {
        FlistSignatures.sign(fl, ALICE, 7);
        FlistEditor.update(fl, m -> m.withRoutes(List.of(Route.all("http://hub.example/blocks"))));
        assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).valid()).isTrue();

        Path copy = tmp.resolve("copy.fl");
        Files.copy(fl, copy);
        FlistEditor.update(fl, m -> m.withTagChanges(Map.of("author", "mallory"), Set.of()));
        assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).status()).isEqualTo(SignatureCheck.Status.INVALID);

        for (String tamper : List.of("update inode set mode = 33261 where name = 'hostname'",
                "update inode set size = size + 1 where name = 'data'",
                "update block set key = zeroblob(32) where rowid = 1",
                "insert into inode (parent, name, size, uid, gid, mode, rdev, ctime, mtime) values (1, 'x', 0, 0, 0, 33188, 0, 0, 0)",
                "update tag set key = 'zos.signature.twin', value = '8' where key = 'zos.signature.twin'")) {
            Files.copy(copy, fl, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).valid()).as("untouched").isTrue();
            sql(tamper);
            assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).status()).as(tamper).isIn(SignatureCheck.Status.INVALID);
        }
    }

    @Test
    void unsignedMalformedAndResignedFlists() throws Exception {
        assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).status()).isEqualTo(SignatureCheck.Status.UNSIGNED);
        FlistSignatures.sign(fl, ALICE, 7);
        FlistSignatures.sign(fl, BOB, 9);
        SignatureCheck c = FlistSignatures.verify(fl, BOB.publicKey());
        assertThat(c.valid()).isTrue();
        assertThat(c.twinId()).isEqualTo(9);
        assertThat(FlistSignatures.verify(fl, ALICE.publicKey()).valid()).isFalse();

        sql("update tag set value = 'zz' where key = 'zos.signature'");
        assertThat(FlistSignatures.verify(fl, BOB.publicKey()).status()).isEqualTo(SignatureCheck.Status.INVALID);
        FlistSignatures.strip(fl);
        assertThat(FlistSignatures.verify(fl, BOB.publicKey()).status()).isEqualTo(SignatureCheck.Status.UNSIGNED);

        Path junk = tmp.resolve("junk.fl");
        Files.writeString(junk, "not sqlite");
        assertThatThrownBy(() -> FlistSignatures.sign(junk, ALICE, 1)).isInstanceOf(ZosException.class)
                .hasMessageContaining("not an flist");
        assertThat(Files.readString(junk)).isEqualTo("not sqlite");
        assertThatThrownBy(() -> FlistSignatures.verify(fl, new byte[3])).isInstanceOf(ZosException.class);
    }
}
