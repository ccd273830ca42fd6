package dev.zos.flist.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Inode;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts real images (OCI layouts as directories and tars, nested indexes, docker save tarballs; tar, gzip and
 * zstd layers), unpacks the flist and compares the tree with what the layers say it must be.
 */
class ImageConverterTest {

    static final long T1 = 1_600_000_000L;
    static final long T2 = 1_700_000_000L;
    static final long CREATED = 1_704_164_645L; // 2024-01-02T03:04:05Z
    static final byte[] BUSYBOX = random(1, 2 * 524288 + 1234);
    static final String LONG_DIR = "usr/share/" + "x".repeat(120);
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path tmp;

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] baseLayer() {
        return new LayerTar(T1)
                .dir("./", 0755)
                .dir("bin", 0755).file("bin/busybox", 0755, BUSYBOX).symlink("bin/sh", "busybox")
                .hardlink("bin/ls", "bin/busybox").file("bin/su", 04755, "su".getBytes(StandardCharsets.UTF_8))
                .dir("dev", 0755).charDevice("dev/null", 1, 3)
                .dir("etc", 0755).file("etc/hostname", "base\n").file("etc/motd", "v1\n")
                .dir("home", 0755).dir("home/user", 0700)
                .file("home/user/.profile", 0644, 1000, 1000, "export A=1\n".getBytes(StandardCharsets.UTF_8))
                .dir("opt", 0755).dir("opt/app", 0755).file("opt/app/old1", "old1").dir("opt/app/sub", 0755)
                .file("opt/app/sub/old2", "old2")
                .dir("run", 0755).fifo("run/fifo")
                .dir("tmp", 01777)
                .dir("var", 0755).dir("var/lib", 0755).file("var/lib/gone.txt", "gone").file("var/lib/kept.txt", "kept")
                .dir("usr", 0755).dir("usr/share", 0755).dir(LONG_DIR, 0755).file(LONG_DIR + "/file", "long name\n")
                .tar();
    }

    static byte[] topLayer() {
        return new LayerTar(T2)
                .whiteout("var/lib", "gone.txt")
                .opaque("opt/app").file("opt/app/new.txt", "new")
                .file("etc/motd", 0600, "v2 changed\n".getBytes(StandardCharsets.UTF_8))
                .file("srv/www/index.html", "<h1>hi</h1>\n")
                .whiteout("bin", "su")
                .tar();
    }

    static TestImages.Image image(LayerFormat format) {
        List<byte[]> layers = List.of(baseLayer(), topLayer());
        return new TestImages.Image(layers, format, TestImages.config(layers, "/bin/app", "--serve|x y"),
                "test/app:1.0", Platform.DEFAULT);
    }

    /** How the image reaches the converter. */
    enum Container {
        OCI_DIR_TAR, OCI_DIR_GZIP, OCI_DIR_ZSTD, OCI_TARBALL_GZIP, NESTED_INDEX_ZSTD, DOCKER_SAVE;

        Path write(Path tmp) throws IOException {
            return switch (this) {
                case OCI_DIR_TAR -> TestImages.ociLayout(tmp.resolve("oci"), image(LayerFormat.TAR));
                case OCI_DIR_GZIP -> TestImages.ociLayout(tmp.resolve("oci"), image(LayerFormat.GZIP));
                case OCI_DIR_ZSTD -> TestImages.ociLayout(tmp.resolve("oci"), image(LayerFormat.ZSTD));
                case OCI_TARBALL_GZIP -> TestImages.tarOf(TestImages.ociLayout(tmp.resolve("oci"),
                        image(LayerFormat.GZIP)), tmp.resolve("oci.tar"));
                case NESTED_INDEX_ZSTD -> TestImages.nestedLayout(tmp.resolve("oci"), "test/app:1.0",
                        image(LayerFormat.ZSTD).withRef(null));
                case DOCKER_SAVE -> TestImages.dockerSave(tmp.resolve("save.tar"), image(LayerFormat.TAR));
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void convertedImageUnpacksToTheLayeredTree(Container container) throws Exception {
        Path img = container.write(tmp);
        Path fl = tmp.resolve("app.fl");
        Path store = tmp.resolve("store");
        List<ConvertProgress> progress = new java.util.ArrayList<>();
        ConvertResult r;
        try (BlockStore s = Stores.defaults().open("dir://" + store)) {
            r = ImageConverter.convert(img, fl, s, ConvertOptions.defaults().withTag("author", "tests")
                    .withProgress(progress::add));
        }
        assertThat(progress).extracting(p -> p.phase() + " " + p.layer() + "/" + p.layers())
                .containsExactly("verify 1/2", "verify 2/2", "upload 1/2", "upload 2/2");
        assertThat(r.layers()).hasSize(2);
        assertThat(r.layers().get(0).compression()).isEqualTo(switch (container) {
            case OCI_DIR_GZIP, OCI_TARBALL_GZIP -> "gzip";
            case OCI_DIR_ZSTD, NESTED_INDEX_ZSTD -> "zstd";
            default -> "tar";
        });
        assertThat(r.files()).isEqualTo(10);
        assertThat(r.hardLinks()).isEqualTo(1);
        assertThat(r.symlinks()).isEqualTo(1);
        assertThat(r.specials()).isEqualTo(2);
        assertThat(r.blocks()).isEqualTo(14);
        assertThat(r.platform()).isEqualTo("linux/amd64");

        try (FlistReader fr = FlistReader.open(fl)) {
            Map<String, String> tags = fr.tags();
            assertThat(tags).containsEntry("entrypoint", "[\"/bin/app\"]")
                    .containsEntry("cmd", "[\"--serve\",\"x y\"]")
                    .containsEntry("env", "[\"PATH=/usr/local/bin:/usr/bin:/bin\",\"GREETING=hello \\\"world\\\"=1\"]")
                    .containsEntry("workdir", "/srv/www").containsEntry("user", "1000:1000")
                    .containsEntry("platform", "linux/amd64").containsEntry("author", "tests");
            assertThat(tags.get("image")).contains("test/app:1.0");
            if (container == Container.DOCKER_SAVE) {
                assertThat(tags).doesNotContainKey("digest");
            } else {
                assertThat(tags.get("digest")).startsWith("sha256:").isEqualTo(r.manifestDigest());
            }
            Inode dev = fr.lookup("/dev/null").orElseThrow();
            assertThat(dev.mode()).isEqualTo(0020666);
            assertThat(dev.rdev()).isEqualTo(0x103);
            assertThat(fr.lookup("/bin/ls").orElseThrow().ino()).isNotEqualTo(fr.lookup("/bin/busybox").orElseThrow().ino());
            assertThat(fr.blocks(fr.lookup("/bin/ls").orElseThrow().ino()))
                    .isEqualTo(fr.blocks(fr.lookup("/bin/busybox").orElseThrow().ino())).hasSize(3);
            assertThat(fr.routes()).singleElement().satisfies(rt -> assertThat(rt.url()).isEqualTo("dir://" + store));
        }

        needRoot();
        Path out = tmp.resolve("out");
        try (FlistReader fr = FlistReader.open(fl); BlockStore s = Stores.defaults().openRoutes(fr.routes())) {
            Unpacker.unpack(fr, new StoreBlockReader(s), out, UnpackOptions.defaults().withPreserveOwnership(true));
        }
        assertThat(describe(out)).containsExactlyEntriesOf(expected());
        assertThat(Files.readString(out.resolve(".startup.toml"))).isEqualTo("""
                [startup.entry]
                name = "core.system"

                [startup.entry.args]
                name = "/bin/app"
                args = ["--serve", "x y"]
                dir = "/srv/www"

                [startup.entry.args.env]
                GREETING = "hello \\"world\\"=1"
                PATH = "/usr/local/bin:/usr/bin:/bin"
                """);
    }

    /** The tree the two layers make, entry by entry. */
    static Map<String, String> expected() {
        Map<String, String> m = new TreeMap<>();
        dir(m, "/", 0755, T1);
        dir(m, "/bin", 0755, T1);
        file(m, "/bin/busybox", 0755, T1, 0, BUSYBOX);
        file(m, "/bin/ls", 0755, T1, 0, BUSYBOX);
        m.put("/bin/sh", "mode=120777 mtime=" + T1 + " owner=0:0 -> busybox");
        dir(m, "/dev", 0755, T1);
        m.put("/dev/null", "mode=20666 mtime=" + T1 + " owner=0:0 rdev=259");
        dir(m, "/etc", 0755, T1);
        file(m, "/etc/hostname", 0644, T1, 0, "base\n".getBytes(StandardCharsets.UTF_8));
        file(m, "/etc/motd", 0600, T2, 0, "v2 changed\n".getBytes(StandardCharsets.UTF_8));
        dir(m, "/home", 0755, T1);
        dir(m, "/home/user", 0700, T1);
        file(m, "/home/user/.profile", 0644, T1, 1000, "export A=1\n".getBytes(StandardCharsets.UTF_8));
        dir(m, "/opt", 0755, T1);
        dir(m, "/opt/app", 0755, T1);
        file(m, "/opt/app/new.txt", 0644, T2, 0, "new".getBytes(StandardCharsets.UTF_8));
        dir(m, "/run", 0755, T1);
        m.put("/run/fifo", "mode=10600 mtime=" + T1 + " owner=0:0");
        dir(m, "/srv", 0755, 0);
        dir(m, "/srv/www", 0755, 0);
        file(m, "/srv/www/index.html", 0644, T2, 0, "<h1>hi</h1>\n".getBytes(StandardCharsets.UTF_8));
        dir(m, "/tmp", 01777, T1);
        dir(m, "/usr", 0755, T1);
        dir(m, "/usr/share", 0755, T1);
        dir(m, "/" + LONG_DIR, 0755, T1);
        file(m, "/" + LONG_DIR + "/file", 0644, T1, 0, "long name\n".getBytes(StandardCharsets.UTF_8));
        dir(m, "/var", 0755, T1);
        dir(m, "/var/lib", 0755, T1);
        file(m, "/var/lib/kept.txt", 0644, T1, 0, "kept".getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static void dir(Map<String, String> m, String p, int mode, long mtime) {
        m.put(p, String.format("mode=%o mtime=%d owner=0:0", 040000 | mode, mtime));
    }

    private static void file(Map<String, String> m, String p, int mode, long mtime, int owner, byte[] content) {
        m.put(p, String.format("mode=%o mtime=%d owner=%d:%d size=%d sha=%s", 0100000 | mode, mtime, owner, owner,
                content.length, TestImages.sha256(content)));
    }

    /** Path → what the conversion must keep; {@code /.startup.toml} is checked on its own. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                out.put(rel(dir), entry(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.equals(root.resolve(".startup.toml"))) {
                    out.put(rel(file), entry(file));
                }
                return FileVisitResult.CONTINUE;
            }

            private String rel(Path p) {
                return "/" + root.relativize(p);
            }

            private String entry(Path p) throws IOException {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime,rdev,uid,gid",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                StringBuilder sb = new StringBuilder(String.format("mode=%o mtime=%d owner=%s:%s", mode,
                        ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000, a.get("uid"), a.get("gid")));
                int type = mode & 0170000;
                if (type == 0100000) {
                    sb.append(" size=").append(a.get("size")).append(" sha=")
                            .append(TestImages.sha256(Files.readAllBytes(p)));
                } else if (type == 0120000) {
                    sb.append(" -> ").append(Files.readSymbolicLink(p));
                } else if (type == 0020000 || type == 0060000) {
                    sb.append(" rdev=").append(a.get("rdev"));
                }
                return sb.toString();
            }
        });
        return out;
    }

    /** Unpacking device nodes and ownership needs root: skipped locally without it, a failure under CI. */
    static void needRoot() {
        if (!ROOT) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("unpacking device nodes needs root: run the tests as root");
            }
            Assumptions.abort("unpacking device nodes needs root");
        }
    }
}
