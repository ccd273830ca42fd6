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
