package dev.zos.flist.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image made by another tool: umoci (Debian package {@code umoci}) builds a two-layer OCI layout from real
 * directories (hard links, setuid, a device, a deleted file, a replaced directory) and unpacks it itself; our
 * conversion, unpacked, must give the same tree.
 */
class UmociInteropTest {

    @TempDir
    Path tmp;

    static final String SCRIPT = """
            set -e
            umoci init --layout img
            umoci new --image img:app
            umoci unpack --image img:app bundle >/dev/null
            R=bundle/rootfs
            mkdir -p $R/etc $R/opt/app/sub $R/bin
            echo base > $R/etc/hostname
            echo old > $R/opt/app/old
            echo deep > $R/opt/app/sub/deep
            head -c 1200000 /dev/urandom > $R/bin/big
            chmod 4755 $R/bin/big
            ln $R/bin/big $R/bin/big2
            ln -s big $R/bin/link
            echo gone > $R/etc/gone
            mknod $R/etc/null c 1 3
            chown 1000:1000 $R/opt/app/old
            umoci repack --image img:app bundle
            umoci config --image img:app --config.entrypoint /bin/big --config.cmd serve --config.env A=1 \\
                --config.workingdir /opt --config.user 1000
            rm -rf bundle
            umoci unpack --image img:app bundle >/dev/null
            rm $R/etc/gone
            rm -rf $R/opt/app
            mkdir -p $R/opt/app
            echo new > $R/opt/app/new
            echo changed > $R/etc/hostname
            umoci repack --image img:app bundle
            rm -rf bundle
            umoci unpack --image img:app truth >/dev/null
            """;

    @Test
    void aUmociImageConvertsToTheTreeUmociUnpacks() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean ready = ImageConverterTest.ROOT && Files.isExecutable(Path.of("/usr/bin/umoci"));
        if (!ready) {
            if (ci) {
                throw new AssertionError("this test needs root and umoci (apt-get install umoci)");
            }
            Assumptions.abort("needs root and umoci (apt-get install umoci)");
        }
        Process p = new ProcessBuilder("sh", "-c", SCRIPT).directory(tmp.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();

        Path fl = tmp.resolve("app.fl");
        ConvertResult r;
        try (BlockStore s = Stores.defaults().open("dir://" + tmp.resolve("store"))) {
            r = ImageConverter.convert(tmp.resolve("img"), fl, s, ConvertOptions.defaults().withRef("app"));
        }
        assertThat(r.layers()).hasSize(2);
        assertThat(r.hardLinks()).isEqualTo(1);
        assertThat(r.tags()).containsEntry("entrypoint", "[\"/bin/big\"]").containsEntry("cmd", "[\"serve\"]")
                .containsEntry("workdir", "/opt").containsEntry("user", "1000").containsEntry("image", "app");

        Path out = tmp.resolve("out");
        try (FlistReader fr = FlistReader.open(fl); BlockStore s = Stores.defaults().openRoutes(fr.routes())) {
            Unpacker.unpack(fr, new StoreBlockReader(s), out, UnpackOptions.defaults().withPreserveOwnership(true));
        }
        var expected = ImageConverterTest.describe(tmp.resolve("truth/rootfs"));
        var actual = ImageConverterTest.describe(out);
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(actual).containsKeys("/opt/app/new", "/etc/null", "/bin/big2").doesNotContainKeys("/etc/gone",
                "/opt/app/old", "/opt/app/sub");
        assertThat(Files.readString(out.resolve(".startup.toml"))).contains("name = \"/bin/big\"",
                "args = [\"serve\"]", "dir = \"/opt\"", "A = \"1\"");
    }
}
