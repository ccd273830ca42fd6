package dev.zos.flist.oci;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FileType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies layer tars, lowest first, to an in-memory tree as the OCI image spec says: entries add or replace,
 * {@code .wh.NAME} deletes NAME of lower layers, {@code .wh..wh..opq} empties a directory of lower layers' entries,
 * hard links share their target's content. Only headers are read here; contents are streamed later.
 * Entries that would land outside the root ({@code ..}, absolute names, a path through a symlink) are refused.
 */
final class LayerApplier {

    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final FsNode root = new FsNode("/", FileType.DIRECTORY.bits() | 0755, -1);

    FsNode root() {
        return root;
    }

    void apply(TarArchiveInputStream tar, int layer, String layerName) throws IOException {
        long ordinal = -1;
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            ordinal++;
            String what = "entry '" + e.getName() + "' of " + layerName;
            List<String> parts = split(e.getName(), what);
            if (parts.isEmpty()) {
                if (e.isDirectory()) {
                    meta(root, e);
                }
                continue;
            }
            String base = parts.get(parts.size() - 1);
            List<String> dirs = parts.subList(0, parts.size() - 1);
            if (base.startsWith(WHITEOUT)) {
                whiteout(dirs, base, layer, what);
                continue;
            }
            FsNode parent = ensureDirs(dirs, layer, what);
            FsNode node;
            if (e.isDirectory()) {
                FsNode existing = parent.children.get(base);
                if (existing != null && existing.isDirectory()) {
                    meta(existing, e);
                    existing.layer = layer;
                    continue;
                }
                node = new FsNode(base, FileType.DIRECTORY.bits(), layer);
            } else if (e.isSymbolicLink()) {
                node = new FsNode(base, FileType.SYMLINK.bits(), layer);
                node.link = e.getLinkName().getBytes(StandardCharsets.UTF_8);
                if (node.link.length == 0) {
                    throw ZosException.invalid(what + " is a symlink without a target");
                }
            } else if (e.isLink()) {
                node = hardLink(base, e.getLinkName(), layer, what);
                parent.children.put(base, node);
                continue;
            } else if (e.isCharacterDevice() || e.isBlockDevice()) {
                node = new FsNode(base, (e.isCharacterDevice() ? FileType.CHAR_DEVICE : FileType.BLOCK_DEVICE).bits(), layer);
                node.rdev = makedev(e.getDevMajor(), e.getDevMinor());
            } else if (e.isFIFO()) {
                node = new FsNode(base, FileType.FIFO.bits(), layer);
            } else if (e.isFile()) {
                node = new FsNode(base, FileType.REGULAR.bits(), layer);
                long size = e.isSparse() ? e.getRealSize() : e.getSize();
                node.content = new FsNode.Content(layer, ordinal, size);
            } else {
                // GNU volume headers and other non-file records: nothing to put in a filesystem
                continue;
            }
            meta(node, e);
            parent.children.put(base, node);
        }
    }

    private void whiteout(List<String> dirs, String base, int layer, String what) {
        String name = base.substring(WHITEOUT.length());
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw ZosException.invalid(what + " is a whiteout of '" + name + "': refusing it");
        }
        FsNode dir = find(dirs, what);
        if (dir == null || !dir.isDirectory()) {
            return;
        }
        if (base.equals(OPAQUE)) {
            purgeLower(dir, layer);
        } else if (!base.startsWith(WHITEOUT + WHITEOUT)) {
            FsNode victim = dir.children.get(name);
            if (victim != null && victim.layer < layer) {
                dir.children.remove(name);
            }
        }
    }

    /**
     * Removes everything lower layers put under an opaque directory; directories this layer already re-created
     * stay, without their lower content.
     */
    private static void purgeLower(FsNode dir, int layer) {
        dir.children.values().removeIf(c -> c.layer < layer);
        for (FsNode c : dir.children.values()) {
            if (c.isDirectory()) {
                purgeLower(c, layer);
            }
        }
    }

    private FsNode hardLink(String base, String linkName, int layer, String what) {
        List<String> target = split(linkName, what + " (hard link target)");
        FsNode t = target.isEmpty() ? null : find(target, what + " (hard link target '" + linkName + "')");
        if (t == null) {
            throw ZosException.invalid(what + " is a hard link to '" + linkName + "', which does not exist");
        }
        if (t.isDirectory()) {
            throw ZosException.invalid(what + " is a hard link to the directory '" + linkName + "': refusing it");
        }
        FsNode n = new FsNode(base, t.mode, layer);
        n.uid = t.uid;
        n.gid = t.gid;
        n.mtime = t.mtime;
        n.rdev = t.rdev;
        n.link = t.link;
        n.content = t.content;
        return n;
    }

    /** The entry at {@code parts}, or null; refuses a path through a symlink. */
    private FsNode find(List<String> parts, String what) {
        FsNode cur = root;
        for (int i = 0; i < parts.size(); i++) {
            if (cur.type() == FileType.SYMLINK) {
                throw ZosException.invalid(what + " goes through the symlink '" + String.join("/", parts.subList(0, i))
                        + "': refusing a path that could leave the image root");
            }
            if (!cur.isDirectory()) {
                return null;
            }
            cur = cur.children.get(parts.get(i));
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** The directory at {@code dirs}, creating missing ones (root-owned, 0755) as tar extraction does. */
    private FsNode ensureDirs(List<String> dirs, int layer, String what) {
        FsNode cur = root;
        for (int i = 0; i < dirs.size(); i++) {
            FsNode next = cur.children.get(dirs.get(i));
            if (next == null) {
                next = new FsNode(dirs.get(i), FileType.DIRECTORY.bits() | 0755, layer);
                cur.children.put(dirs.get(i), next);
            } else if (next.type() == FileType.SYMLINK) {
                throw ZosException.invalid(what + " goes through the symlink '" + String.join("/", dirs.subList(0, i + 1))
                        + "': refusing a path that could leave the image root");
            } else if (!next.isDirectory()) {
                throw ZosException.invalid(what + " is inside '" + String.join("/", dirs.subList(0, i + 1))
                        + "', which is not a directory");
            }
            cur = next;
        }
        return cur;
    }

    private static void meta(FsNode n, TarArchiveEntry e) {
        n.mode = (n.mode & FileType.TYPE_MASK) | (e.getMode() & 07777);
        n.uid = e.getLongUserId();
        n.gid = e.getLongGroupId();
        n.mtime = e.getLastModifiedTime() == null ? 0 : e.getLastModifiedTime().toInstant().getEpochSecond();
    }

    /** Linux {@code makedev}: the encoding {@code st_rdev} uses. */
    static long makedev(long major, long minor) {
        return (minor & 0xffL) | ((major & 0xfffL) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    /** Splits an entry name into components; refuses absolute names and {@code ..}. */
    static List<String> split(String name, String what) {
        if (name.startsWith("/")) {
            throw ZosException.invalid(what + " has an absolute path: refusing it (layer entries must be relative)");
        }
        List<String> out = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw ZosException.invalid(what + " contains '..': refusing a path that leaves the image root");
            }
            if (part.indexOf('\0') >= 0) {
                throw ZosException.invalid(what + " contains a NUL byte");
            }
            out.add(part);
        }
        return out;
    }
}
