package dev.zos.imagegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's jars as the image carries them: real jars in, real jars out, loaded by a real class loader. */
class ImageJarsTest {
    @TempDir
    static Path tmp;
    static Path agentDir;
    static Path bcprov;

    @BeforeAll
    static void agent() throws Exception {
        agentDir = tmp.resolve("agent");
        Files.createDirectories(agentDir.resolve("lib"));
        bcprov = Path.of(Blake2bDigest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(bcprov, agentDir.resolve("lib/bcprov.jar"));
        // a library with natives for several systems, a signature and per-entry manifest sections
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Implementation-Title", "natives");
        var section = new Attributes();
        section.putValue("SHA-256-Digest", "abc=");
        mf.getEntries().put("a/Native.class", section);
        jar(agentDir.resolve("lib/natives.jar"), mf, List.of("a/Native.class", "META-INF/NATIVES.SF", "META-INF/NATIVES.RSA",
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib", "linux/amd64/libzstd-jni.so", "linux/aarch64/libzstd-jni.so",
                "win/amd64/libzstd-jni.dll", "jni/x86_64-Linux/libjffi-1.2.so", "jni/x86_64-FreeBSD/libjffi-1.2.so",
                "org/xerial/snappy/native/Linux/x86_64-musl/libsnappyjava.so", "org/xerial/snappy/native/Linux/android-arm/libsnappyjava.so"));
        jar(agentDir.resolve("lib/s3-2.0.jar"), null, List.of("software/amazon/awssdk/services/s3/S3Client.class", "META-INF/LICENSE"));
        // the agent: a real class that uses Bouncy Castle's BLAKE2b (zos-imagegen's Manifest), Class-Path naming all three
        var main = new Manifest();
        main.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/s3-2.0.jar lib/natives.jar lib/bcprov.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(agentDir.resolve(AgentBundle.JAR)), main);
             InputStream in = ImageJarsTest.class.getResourceAsStream("/dev/zos/imagegen/manifest/Manifest.class")) {
            out.putNextEntry(new ZipEntry("dev/zos/imagegen/manifest/Manifest.class"));
            in.transferTo(out);
        }
    }

    private static void jar(Path path, Manifest mf, List<String> entries) throws IOException {
        try (var out = mf == null ? new JarOutputStream(Files.newOutputStream(path)) : new JarOutputStream(Files.newOutputStream(path), mf)) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write(("content of " + e).getBytes());
            }
        }
    }

    private static List<String> names(Path jar) throws IOException {
        try (var z = new ZipFile(jar.toFile())) {
            return z.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void leavesOutTheSdkForeignNativesAndSignaturesAndStoresTheRest() throws Exception {
        AgentBundle slim = ImageJars.slim(AgentBundle.in(agentDir), tmp.resolve("cache"));
        assertThat(slim.libs()).extracting(p -> p.getFileName().toString()).containsExactly("bcprov.jar", "natives.jar");
        assertThat(names(slim.libs().get(1))).containsExactly("META-INF/MANIFEST.MF", "a/Native.class",
                "jni/x86_64-Linux/libjffi-1.2.so", "linux/amd64/libzstd-jni.so", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
        try (var z = new JarFile(slim.libs().get(1).toFile())) {
            assertThat(z.stream().toList()).allSatisfy(e -> assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED));
            assertThat(z.getManifest().getEntries()).as("per-entry digests dropped").isEmpty();
            assertThat(z.getManifest().getMainAttributes().getValue("Implementation-Title")).isEqualTo("natives");
            assertThat(new String(z.getInputStream(z.getEntry("linux/amd64/libzstd-jni.so")).readAllBytes())).isEqualTo("content of linux/amd64/libzstd-jni.so");
        }
        try (var z = new JarFile(slim.jar().toFile())) {
            assertThat(z.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo("lib/natives.jar lib/bcprov.jar");
        }
    }

    @Test
    void bouncyCastleKeepsWhatTheAgentReachesAndThatStillWorks() throws Exception {
        AgentBundle slim = ImageJars.slim(AgentBundle.in(agentDir), tmp.resolve("cache2"));
        Path shrunk = slim.libs().get(0);
        List<String> kept = names(shrunk);
        assertThat(kept).contains("org/bouncycastle/crypto/digests/Blake2bDigest.class", "org/bouncycastle/crypto/ExtendedDigest.class")
                .noneMatch(n -> n.startsWith("org/bouncycastle/pqc/"))
                .noneMatch(n -> n.startsWith("META-INF/") && n.endsWith(".SF"));
        assertThat(Files.size(shrunk)).as("a small part of bcprov").isLessThan(Files.size(bcprov) / 4);
        // the kept classes link and run on their own: BLAKE2b-256 of "abc" (RFC 7693's test vector family)
        try (var loader = new URLClassLoader(new java.net.URL[] {shrunk.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> c = loader.loadClass("org.bouncycastle.crypto.digests.Blake2bDigest");
            Object d = c.getConstructor(int.class).newInstance(256);
            c.getMethod("update", byte[].class, int.class, int.class).invoke(d, "abc".getBytes(), 0, 3);
            byte[] out = new byte[32];
            c.getMethod("doFinal", byte[].class, int.class).invoke(d, out, 0);
            assertThat(HexFormat.of().formatHex(out)).isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
        }
    }

    @Test
    void theSameJarsGiveTheSameBytes() throws Exception {
        AgentBundle a = ImageJars.slim(AgentBundle.in(agentDir), tmp.resolve("c1"));
        AgentBundle b = ImageJars.slim(AgentBundle.in(agentDir), tmp.resolve("c2"));
        List<Path> all = new ArrayList<>(a.libs());
        all.add(a.jar());
        List<Path> other = new ArrayList<>(b.libs());
        other.add(b.jar());
        for (int i = 0; i < all.size(); i++) {
            assertThat(Files.readAllBytes(other.get(i))).as(all.get(i).getFileName().toString()).isEqualTo(Files.readAllBytes(all.get(i)));
        }
    }

    @Test
    void nativesAreJudgedByTheirFolders() {
        assertThat(ImageJars.foreignNative("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")).isFalse();
        assertThat(ImageJars.foreignNative("org/sqlite/native/Linux-Android/x86_64/libsqlitejdbc.so")).isTrue();
        assertThat(ImageJars.foreignNative("jni/ppc-AIX/libjffi-1.2.a")).isTrue();
        assertThat(ImageJars.foreignNative("org/example/Linux/x86_64/Thing.class")).as("not a native library").isFalse();
    }
}
