package dev.zos.imagegen.runtime;

import dev.zos.imagegen.os.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The host's shared libraries a set of ELF files needs (from {@code ldd}), by the path the loader looks for. */
public final class SharedLibraries {
    private static final Pattern LINE = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)");

    private SharedLibraries() {
    }

    /** Where the image keeps the libraries the agent loads itself (jnr-ffi looks there: init.c's -Djnr.ffi.library.path). */
    public static final String AGENT_LIBRARY_DIR = "/lib/x86_64-linux-gnu";
    /**
     * Libraries the agent loads by name when present: libsodium hashes the manifest check's BLAKE2b natively
     * (zos-core's Blake2b256), several times faster than the Java fallback, which matters most under TCG.
     */
    public static final List<String> AGENT_LOADED = List.of("libsodium.so.23");

    /** Image path → host file of each of {@link #AGENT_LOADED} this host has (with what they need); missing ones are named in {@code missing}. */
    public static Map<String, Path> agentLoaded(List<String> missing) {
        Map<String, Path> libs = new TreeMap<>();
        for (String name : AGENT_LOADED) {
            Path host = Path.of(AGENT_LIBRARY_DIR, name);
            if (!Files.isRegularFile(host)) {
                host = Path.of("/usr" + AGENT_LIBRARY_DIR, name);
            }
            if (!Files.isRegularFile(host)) {
                missing.add(name);
                continue;
            }
            try {
                libs.put(AGENT_LIBRARY_DIR + "/" + name, host.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve " + host, e);
            }
            libs.putAll(of(List.of(host), null));
        }
        return libs;
    }

    /** Image path → host file for every library of every executable and .so under {@code dir}. */
    public static Map<String, Path> of(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return of(s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin")).sorted().toList(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the libraries of " + dir, e);
        }
    }

    /** Image path → host file for every library the ELF {@code files} need, except those under {@code own}. */
    public static Map<String, Path> of(List<Path> files, Path own) {
        Map<String, Path> libs = new TreeMap<>();
        try {
            for (Path f : files) {
                Exec.Result r = Exec.run(List.of("ldd", f.toString()));
                for (String line : r.out().split("\n")) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        Path host = Path.of(m.group(1));
                        if (own == null || !host.startsWith(own)) {
                            libs.put(host.toString(), host.toRealPath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the libraries of " + files, e);
        }
        return libs;
    }
}
