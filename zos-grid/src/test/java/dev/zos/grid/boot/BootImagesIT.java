package dev.zos.grid.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.testkit.ExternalService;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid's real builds (~1 min here): the initramfs once for every farm, and ISO, USB and EFI media on demand with
 * zos-imagegen's tools, cached by their inputs; concurrent requests for one file share one build.
 */
class BootImagesIT {
    static BootFixture boot;
    static long farm;

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() throws Exception {
        ExternalService.require(Files.isExecutable(Path.of("/usr/bin/xorriso")) && Files.isRegularFile(Path.of("/usr/lib/ISOLINUX/isolinux.bin"))
                        && Files.isRegularFile(Path.of("/usr/lib/systemd/boot/efi/linuxx64.efi.stub")) && Files.isExecutable(Path.of("/usr/bin/mformat")),
                "boot media need: apt-get install -y xorriso isolinux syslinux-common mtools binutils systemd-boot-efi");
        boot = new BootFixture(URI.create("http://10.0.2.2:8080"), true);
        farm = boot.newFarm("media_farm");
    }

    @AfterAll
    static void stop() throws Exception {
        if (boot != null) {
            boot.close();
        }
    }

    private static List<String> built() throws Exception {
        try (var files = Files.list(boot.bootDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void initramfsIsBuiltOnceForConcurrentRequestsAndEveryFarm() throws Exception {
        long other = boot.newFarm("boot_farm_2");
        boolean existed = built().stream().anyMatch(n -> n.startsWith("initramfs-"));
        int before = builds();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        try {
            for (String path : List.of("/initramfs/dev/" + farm, "/initramfs/prod/" + farm, "/initramfs/dev/" + other)) {
                answers.add(pool.submit((Callable<HttpResponse<byte[]>>) () -> boot.get(path)));
            }
            byte[] first = null;
            for (Future<HttpResponse<byte[]>> f : answers) {
                HttpResponse<byte[]> r = f.get();
                assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
                assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
                if (first == null) {
                    first = r.body();
                    // a zstd frame: the initramfs as the kernel unpacks it
                    assertThat(first).startsWith(0x28, 0xb5, 0x2f, 0xfd);
                } else {
                    assertThat(r.body()).isEqualTo(first);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds() - before).as("one build for three concurrent requests").isEqualTo(existed ? 0 : 1);
        assertThat(built().stream().filter(n -> n.startsWith("initramfs-"))).singleElement()
                .satisfies(n -> assertThat(n).matches("initramfs-[0-9a-f]{32}\\.img"));
        var head = boot.send("HEAD", "/initramfs/test/" + farm, Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(builds() - before).isEqualTo(existed ? 0 : 1);
    }

    /** Builds this grid's boot server ran (each lands under its own name; a double build of one key counts twice). */
    private static int builds() {
        return boot.service.boot().media().builds();
    }

    @Test
    void efiIsBuiltOnceForConcurrentRequestsCarriesTheFarmsCommandLineAndIsCachedByItsInputs() throws Exception {
        boolean initramfsExisted = built().stream().anyMatch(n -> n.startsWith("initramfs-"));
        int before = builds();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        byte[] first;
        String etag;
        try {
            Future<HttpResponse<byte[]>> a = pool.submit(() -> boot.get("/efi/dev/" + farm));
            Future<HttpResponse<byte[]>> b = pool.submit(() -> boot.get("/efi/dev/" + farm));
            var ra = a.get();
            var rb = b.get();
            assertThat(ra.statusCode()).as(new String(ra.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(rb.body()).isEqualTo(ra.body());
            first = ra.body();
            etag = ra.headers().firstValue("etag").orElseThrow();
            assertThat(rb.headers().firstValue("etag")).hasValue(etag);
            assertThat(ra.headers().firstValueAsLong("content-length")).hasValue(first.length);
            assertThat(ra.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"zos-dev-farm" + farm + ".efi\"");
        } finally {
            pool.shutdownNow();
        }
        assertThat(first).startsWith('M', 'Z');
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).contains("runmode=dev farmer_id=" + farm + " zos-grid=http://10.0.2.2:8080");
        assertThat(built().stream().filter(n -> n.startsWith("efi-"))).hasSize(1);
        assertThat(builds() - before).as("one build for two concurrent requests").isEqualTo(initramfsExisted ? 1 : 2);

        var cached = boot.send("GET", "/efi/dev/" + farm, Map.of("If-None-Match", etag));
        assertThat(cached.statusCode()).isEqualTo(304);
        var debug = boot.get("/efi/dev/" + farm + "/zos-debug");
        assertThat(debug.statusCode()).isEqualTo(200);
        assertThat(debug.headers().firstValue("etag")).isPresent().get().isNotEqualTo(etag);
        assertThat(new String(debug.body(), StandardCharsets.ISO_8859_1)).contains("relay=ws://10.0.2.2:8080/ zos-debug");
        assertThat(built().stream().filter(n -> n.startsWith("efi-"))).hasSize(2);
        assertThat(built()).noneMatch(n -> n.startsWith(".build-"));
    }

    @Test
    void isoAndUsbAreHybridImagesWithTheFarmsCommandLine() throws Exception {
        var iso = boot.get("/iso/prod/" + farm);
        assertThat(iso.statusCode()).as(new String(iso.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(iso.headers().firstValue("content-type")).hasValue("application/x-iso9660-image");
        assertThat(new String(iso.body(), 0x8001, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
        assertThat(new String(iso.body(), StandardCharsets.ISO_8859_1)).contains("APPEND quiet panic=10 version=v3 runmode=prod farmer_id=" + farm);
        var usb = boot.send("HEAD", "/usb/prod/" + farm, Map.of());
        assertThat(usb.statusCode()).isEqualTo(200);
        assertThat(usb.headers().firstValue("content-disposition")).hasValue("attachment; filename=\"zos-prod-farm" + farm + ".img\"");
        assertThat(usb.headers().firstValueAsLong("content-length").orElseThrow()).isGreaterThan(1L << 20);
        assertThat(built()).anyMatch(n -> n.matches("iso-[0-9a-f]{32}\\.iso")).anyMatch(n -> n.matches("usb-[0-9a-f]{32}\\.img"));
    }
}
