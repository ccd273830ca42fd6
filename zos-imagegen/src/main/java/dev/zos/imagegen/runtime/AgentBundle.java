package dev.zos.imagegen.runtime;

import dev.zos.core.ZosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The node agent as Maven builds it: {@code zos-node.jar} (its manifest's Class-Path names {@code lib/*.jar})
 * and the {@code lib/} folder next to it, i.e. {@code zos-node/target}.
 */
public record AgentBundle(Path jar, List<Path> libs) {
    public static final String JAR = "zos-node.jar";

    public AgentBundle {
        libs = List.copyOf(libs);
    }

    public static AgentBundle in(Path dir) {
        Path jar = dir.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw ZosException.notFound("no node agent at " + jar + "; build it with: ./mvnw -q -pl zos-node -am package -DskipTests (or pass --agent DIR)");
        }
        try (Stream<Path> s = Files.list(dir.resolve("lib"))) {
            return new AgentBundle(jar, s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir.resolve("lib"), e);
        }
    }

    /** {@code zos-node/target} under the current folder or one of its parents, when there is one. */
    public static Path locate(Path from) {
        for (Path p = from.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("zos-node/target");
            if (Files.isRegularFile(candidate.resolve(JAR))) {
                return candidate;
            }
        }
        throw ZosException.notFound("no zos-node/target/" + JAR + " found from " + from.toAbsolutePath() + "; build the node agent first or pass --agent DIR");
    }
}
