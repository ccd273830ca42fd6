package dev.zos.imagegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache is only usable when PID 1 runs with the options it was trained with. */
class AotCacheTest {
    @TempDir
    Path tmp;

    @Test
    void initPassesEveryOptionTheTrainingUsesAndTheCachePath() {
        String init = new String(InitShim.source(), StandardCharsets.UTF_8);
        for (String flag : AotCache.JVM_FLAGS) {
            assertThat(init).as("init.c passes %s", flag).contains("\"" + flag + "\"");
        }
        assertThat(init).contains("#define AOT_CACHE \"" + AotCache.IMAGE_PATH + "\"").contains("-XX:AOTCache=");
    }

    @Test
    void aStandInAgentIsNotTrained() throws Exception {
        Path agent = tmp.resolve("agent");
        Files.createDirectories(agent.resolve("lib"));
        try (var jar = new JarOutputStream(Files.newOutputStream(agent.resolve(AgentBundle.JAR)))) {
            jar.putNextEntry(new ZipEntry("README"));
        }
        Path runtime = Path.of(System.getProperty("java.home"));
        assertThat(AotCache.of(runtime, AgentBundle.in(agent), tmp.resolve("cache"), 0)).isEmpty();
        assertThat(tmp.resolve("cache")).doesNotExist();
    }
}
