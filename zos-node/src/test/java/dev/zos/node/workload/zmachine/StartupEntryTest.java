package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupEntryTest {
    @TempDir
    Path rootfs;

    /** As zos-flistctl convert (and rfs's docker converter) writes it. */
    static final String RFS_SHAPE = """
            [startup.entry]
            name = "core.system"

            [startup.entry.args]
            name = "/usr/bin/python3"
            args = ["-m", "http.server", "8000"]
            dir = "/srv"

            [startup.entry.args.env]
            PATH = "/usr/local/bin:/usr/bin:/bin"
            LANG = "C.UTF-8"
            """;

    @Test
    void readsTheProgramItsArgumentsDirectoryAndEnvironment() throws Exception {
        Files.writeString(rootfs.resolve(".startup.toml"), RFS_SHAPE);
        StartupEntry e = StartupEntry.of(rootfs, "web");
        assertThat(e.args()).containsExactly("/usr/bin/python3", "-m", "http.server", "8000");
        assertThat(e.workdir()).isEqualTo("/srv");
        assertThat(e.env()).containsEntry("LANG", "C.UTF-8").containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void theWorkloadsOwnEntrypointAndVariablesWin() throws Exception {
        Files.writeString(rootfs.resolve(".startup.toml"), RFS_SHAPE);
        var bare = new ContainerSpec("7-1-web", "web", null, List.of(), Map.of("LANG", "de_DE.UTF-8"), List.of(), 1, 1, 1, "/");
        var taken = bare.withStartup(StartupEntry.of(rootfs, "web"));
        assertThat(taken.args()).startsWith("/usr/bin/python3");
        assertThat(taken.env()).containsEntry("LANG", "de_DE.UTF-8").containsKey("PATH");
        assertThat(taken.workdir()).isEqualTo("/srv");
        var given = new ContainerSpec("7-1-web", "web", null, List.of("/bin/true"), Map.of(), List.of(), 1, 1, 1, "/");
        assertThat(given.withStartup(StartupEntry.of(rootfs, "web"))).isSameAs(given);
    }

    @Test
    void aLinkToANodeFileIsNotFollowedAndNothingOfItIsQuoted() throws Exception {
        Path secret = Files.writeString(rootfs.getParent().resolve("node-secret-" + System.nanoTime()), "seed = \"s3cr3t\"\n");
        Files.createSymbolicLink(rootfs.resolve(".startup.toml"), secret);
        assertThatThrownBy(() -> StartupEntry.of(rootfs, "web")).isInstanceOf(ZosException.class)
                .hasMessageContaining("not a link").hasMessageNotContaining("s3cr3t");
        Files.delete(secret);
    }

    @Test
    void missingOrBrokenFilesAreNamedWithoutTheirContent() throws Exception {
        assertThatThrownBy(() -> StartupEntry.of(rootfs, "web")).hasMessage(
                "zmachine web: data.entrypoint is empty and the flist has no /.startup.toml to take the process from");
        for (String bad : List.of("not [toml s3cr3t", "[startup.entry.args]\nargs = [\"x\"]\n",
                "[startup.entry.args]\nname = \"/bin/x\"\ndir = \"relative\"\n",
                "[startup.entry.args]\nname = \"/bin/x\"\nargs = [1, 2]\n")) {
            assertThatThrownBy(() -> StartupEntry.parse(bad.getBytes(StandardCharsets.UTF_8), "zmachine web: "))
                    .isInstanceOf(ZosException.class).hasMessageStartingWith("zmachine web: the flist's /.startup.toml: ")
                    .hasMessageNotContaining("s3cr3t");
        }
    }
}
