package dev.zos.flist.oci;

import dev.zos.flist.meta.FileType;

import java.util.TreeMap;

/**
 * One entry of the image's root filesystem while layers are applied: metadata only. A regular file points to the
 * {@link Content} that will fill it; hard links share one content.
 */
final class FsNode {

    final String name;
    int mode;
    long uid;
    long gid;
    long mtime;
    long rdev;
    byte[] link;
    Content content;
    /** The layer that last created or changed this entry: whiteouts only hide entries of lower layers. */
    int layer;
    /** Children by name (sorted: the flist is written in a deterministic order); null unless a directory. */
    TreeMap<String, FsNode> children;

    FsNode(String name, int mode, int layer) {
        this.name = name;
        this.mode = mode;
        this.layer = layer;
        if (isDirectory()) {
            children = new TreeMap<>();
        }
    }

    FileType type() {
        return FileType.of(mode);
    }

    boolean isDirectory() {
        return type() == FileType.DIRECTORY;
    }

    /**
     * Where a file's bytes come from: entry {@code ordinal} of layer {@code layer} (streamed in the second pass), or
     * bytes the converter generates ({@code /.startup.toml}). {@code blocks} is filled when uploaded.
     */
    static final class Content {
        final int layer;
        final long ordinal;
        final long size;
        final byte[] inline;
        volatile dev.zos.flist.meta.BlockRef[] blocks;

        Content(int layer, long ordinal, long size) {
            this.layer = layer;
            this.ordinal = ordinal;
            this.size = size;
            this.inline = null;
        }

        Content(byte[] inline) {
            this.layer = -1;
            this.ordinal = -1;
            this.size = inline.length;
            this.inline = inline;
        }
    }
}
