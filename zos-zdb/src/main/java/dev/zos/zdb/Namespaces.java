package dev.zos.zdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The namespaces under one data directory, one sub-directory each; {@code default} always exists. */
public final class Namespaces implements Closeable {

    public static final String DEFAULT = "default";
    static final int MAX_NAME = 128;

    private final Path root;
    private final boolean sync;
    private final Map<String, Namespace> byName = new TreeMap<>();

    private Namespaces(Path root, boolean sync) {
        this.root = root;
        this.sync = sync;
    }

    /** Opens every namespace found under {@code root} (replaying their logs) and creates {@code default}. */
    public static Namespaces open(Path root, boolean sync) throws IOException {
        Files.createDirectories(root);
        Namespaces ns = new Namespaces(root, sync);
        try {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path d : ds) {
                    String name = d.getFileName().toString();
                    if (validName(name) || name.equals(DEFAULT)) {
                        ns.byName.put(name, Namespace.open(name, d, sync));
                    }
                }
            }
            if (!ns.byName.containsKey(DEFAULT)) {
                ns.byName.put(DEFAULT, Namespace.open(DEFAULT, root.resolve(DEFAULT), sync));
            }
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace name encoded in {@code raw}, or null when it is not valid UTF-8. */
    static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A name NSNEW accepts: it becomes a directory name, so no separators, dot names or control characters. */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME
                || name.equals(".") || name.equals("..") || name.equals(DEFAULT)) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    public synchronized Namespace get(String name) {
        return byName.get(name);
    }

    public synchronized Namespace defaultNamespace() {
        return byName.get(DEFAULT);
    }

    public synchronized List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Creates a namespace; false when one with that name exists. */
    public synchronized boolean create(String name) throws IOException {
        if (byName.containsKey(name)) {
            return false;
        }
        Namespace ns = Namespace.open(name, root.resolve(name), sync);
        ns.updateSettings(NamespaceSettings.defaults());
        byName.put(name, ns);
        return true;
    }

    /** Removes a namespace and its files; false when it does not exist. */
    public synchronized boolean delete(String name) throws IOException {
        Namespace ns = byName.remove(name);
        if (ns == null) {
            return false;
        }
        ns.markDeleted();
        ns.close();
        try (Stream<Path> files = Files.walk(ns.dir())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (Namespace ns : byName.values()) {
            try {
                ns.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        byName.clear();
        if (first != null) {
            throw first;
        }
    }
}
