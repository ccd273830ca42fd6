package dev.zos.flist.oci;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FileType;
import dev.zos.flist.meta.FlistWriter;
import dev.zos.flist.meta.Route;
import dev.zos.flist.store.BlockStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Converts a container image — a {@code docker save} tarball or an OCI image layout (directory or tar) — into an
 * rfs-compatible flist, without a Docker daemon or a registry.
 *
 * <pre>{@code
 * try (BlockStore store = Stores.defaults().openRouted(List.of("dir:///srv/blocks"))) {
 *     ConvertResult r = ImageConverter.convert(Path.of("alpine.tar"), Path.of("alpine.fl"), store,
 *             ConvertOptions.defaults().withPlatform(Platform.parse("linux/amd64")));
 * }
 * }</pre>
 *
 * Two passes over the layers, nothing extracted to disk: the first reads only the tar headers, applies them in
 * order (whiteouts, opaque directories, hard links) to an in-memory tree, and checks every blob's digest and the
 * uncompressed diff_id; nothing is uploaded until the whole image has been verified. The second pass streams the
 * contents of the files that survive straight into the block pipeline (checking the digests again, in case the
 * archive changed in between). The flist appears only when everything succeeded.
 */
public final class ImageConverter {

    private final ImageArchive archive;
    private final Path flist;
    private final BlockStore store;
    private final ConvertOptions options;

    private ImageConverter(ImageArchive archive, Path flist, BlockStore store, ConvertOptions options) {
        this.archive = archive;
        this.flist = flist;
        this.store = store;
        this.options = options;
    }

    public static ConvertResult convert(Path image, Path flist, BlockStore store, ConvertOptions options) {
        try (ImageArchive archive = ImageArchive.open(image)) {
            return new ImageConverter(archive, flist, store, options).run();
        }
    }

    private ConvertResult run() {
        long start = System.nanoTime();
        ResolvedImage image = ImageLocator.locate(archive, options.ref(), options.platform());
        LayerApplier applier = new LayerApplier();
        List<ConvertResult.LayerInfo> infos = new ArrayList<>();
        try {
            for (ResolvedImage.Layer layer : image.layers()) {
                progress("verify", layer, image, null);
                infos.add(applyHeaders(applier, layer));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
        FsNode root = applier.root();
        if (options.startupFile()) {
            addStartupFile(root, image.config());
        }
        Map<String, String> tags = new LinkedHashMap<>(StartupFile.tags(image));
        tags.putAll(options.tags());

        FlistWriter writer = FlistWriter.create(flist);
        boolean ok = false;
        try (BlockUploader uploader = new BlockUploader(store, options.workers())) {
            uploadContents(root, image, uploader);
            TreeWriter tree = new TreeWriter();
            tree.write(root, writer);
            for (Map.Entry<String, String> t : tags.entrySet()) {
                writer.tag(t.getKey(), t.getValue());
            }
            for (Route r : store.routes(options.keepPasswords())) {
                writer.route(r);
            }
            writer.close();
            ok = true;
            return new ConvertResult(writer.path(), image.ref(),
                    image.manifestDigest() == null ? "" : image.manifestDigest().toString(),
                    image.platform().toString(), infos, tree.files, tree.directories, tree.symlinks,
                    tree.hardLinks, tree.specials, tree.bytes, tree.blockRows, uploader.uploadedBlocks.sum(),
                    uploader.uploadedBytes.sum(), tags, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw unreadable(e);
        } finally {
            if (!ok) {
                writer.abort();
            }
        }
    }

    private void progress(String phase, ResolvedImage.Layer layer, ResolvedImage image, BlockUploader uploader) {
        if (options.progress() != null) {
            options.progress().accept(new ConvertProgress(phase, layer.index() + 1, image.layers().size(),
                    uploader == null ? 0 : uploader.blocks.sum()));
        }
    }

    private ZosException unreadable(IOException e) {
        return ZosException.invalid("cannot read " + archive.name() + ": " + e.getMessage());
    }

    /** First pass over one layer: headers only, digests checked. */
    private ConvertResult.LayerInfo applyHeaders(LayerApplier applier, ResolvedImage.Layer layer) throws IOException {
        String what = layer.describe();
        try (LayerStream s = LayerStream.open(archive, layer)) {
            try {
                applier.apply(s.tar, layer.index(), what);
            } catch (IOException e) {
                try {
                    s.verifyBlobAfterFailure(); // throws when the blob was tampered with: the better message
                } catch (IOException ignored) {
                    // the blob cannot be read to its end: report the tar error below
                }
                throw ZosException.invalid(archive.name() + ": " + what + " is not a readable " + s.format.label()
                        + " tar: " + e.getMessage());
            }
            s.verify();
            return new ConvertResult.LayerInfo(layer.index() + 1,
                    layer.digest() != null ? layer.digest().toString() : layer.path(), s.format.label(),
                    s.compressedBytes(), s.tarBytes());
        }
    }

    private static void addStartupFile(FsNode root, ImageConfig config) {
        byte[] toml = StartupFile.toml(config).getBytes(StandardCharsets.UTF_8);
        FsNode n = new FsNode(StartupFile.NAME, FileType.REGULAR.bits() | 0644, Integer.MAX_VALUE);
        n.mtime = config.created();
        n.content = new FsNode.Content(toml);
        root.children.put(StartupFile.NAME, n);
    }

    /** Second pass: streams the content of every surviving regular file into the block pipeline. */
    private void uploadContents(FsNode root, ResolvedImage image, BlockUploader uploader) throws IOException {
        Map<Integer, Map<Long, FsNode.Content>> byLayer = new HashMap<>();
        List<FsNode.Content> inline = new ArrayList<>();
        Map<FsNode.Content, Boolean> seen = new IdentityHashMap<>();
        Deque<FsNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            FsNode d = stack.pop();
            for (FsNode c : d.children.values()) {
                if (c.isDirectory()) {
                    stack.push(c);
                } else if (c.content != null && seen.put(c.content, Boolean.TRUE) == null) {
                    if (c.content.inline != null) {
                        inline.add(c.content);
                    } else {
                        byLayer.computeIfAbsent(c.content.layer, k -> new HashMap<>()).put(c.content.ordinal, c.content);
                    }
                }
            }
        }
        for (ResolvedImage.Layer layer : image.layers()) {
            Map<Long, FsNode.Content> wanted = byLayer.get(layer.index());
            if (wanted == null) {
                continue;
            }
            progress("upload", layer, image, uploader);
            try (LayerStream s = LayerStream.open(archive, layer)) {
                long ordinal = -1;
                TarArchiveEntry e;
                while ((e = s.tar.getNextEntry()) != null) {
                    ordinal++;
                    FsNode.Content content = wanted.get(ordinal);
                    if (content != null) {
                        content.blocks = uploader.upload(s.tar, content.size,
                                "entry '" + e.getName() + "' of " + layer.describe());
                    }
                }
                s.verify();
            }
            for (FsNode.Content c : wanted.values()) {
                if (c.blocks == null) {
                    throw ZosException.invalid(archive.name() + ": " + layer.describe()
                            + " changed while it was being converted (an entry went missing); convert again");
                }
            }
        }
        for (FsNode.Content c : inline) {
            c.blocks = uploader.upload(new ByteArrayInputStream(c.inline), c.size, StartupFile.NAME);
        }
        uploader.finish();
    }
}
