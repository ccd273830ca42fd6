package dev.zos.flist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FileType;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** Layer semantics on the in-memory tree: the corner cases of whiteouts, opaque directories and links. */
class LayerApplierTest {

    private final LayerApplier applier = new LayerApplier();

    private void apply(int layer, LayerTar tar) throws IOException {
        applier.apply(new TarArchiveInputStream(new ByteArrayInputStream(tar.tar())), layer, "layer " + (layer + 1));
    }

    private FsNode at(String path) {
        FsNode cur = applier.root();
        for (String p : path.split("/")) {
            if (cur == null || cur.children == null) {
                return null;
            }
            cur = cur.children.get(p);
        }
        return cur;
    }

    @Test
    void aWhiteoutHidesOnlyLowerLayers() throws Exception {
        apply(0, new LayerTar(1).file("a", "lower"));
        apply(1, new LayerTar(2).file("b", "same layer").whiteout("", "b").whiteout("", "a"));
        assertThat(at("a")).isNull();
        assertThat(at("b")).isNotNull();
    }

    @Test
    void anOpaqueDirectoryKeepsWhatItsOwnLayerPutThere() throws Exception {
        apply(0, new LayerTar(1).dir("d", 0755).file("d/old", "x").dir("d/sub", 0755).file("d/sub/deep", "x"));
        apply(1, new LayerTar(2).dir("d/sub", 0700).opaque("d").file("d/new", "y"));
        assertThat(at("d/old")).isNull();
        assertThat(at("d/new")).isNotNull();
        assertThat(at("d/sub")).isNotNull().satisfies(n -> assertThat(n.mode & 07777).isEqualTo(0700));
        assertThat(at("d/sub/deep")).as("lower content under a re-created directory of an opaque one").isNull();
    }

    @Test
    void aHardLinkKeepsTheContentItWasMadeWith() throws Exception {
        apply(0, new LayerTar(1).file("f", "one").hardlink("g", "f"));
        FsNode.Content first = at("f").content;
        apply(1, new LayerTar(2).file("f", "two, longer"));
        assertThat(at("g").content).isSameAs(first);
        assertThat(at("f").content).isNotSameAs(first);
        assertThat(at("f").content.size).isEqualTo(11);
    }

    @Test
    void entriesReplaceEachOtherByType() throws Exception {
        apply(0, new LayerTar(1).dir("x", 0755).file("x/inner", "i").file("y", "file"));
        apply(1, new LayerTar(2).file("x", "now a file").dir("y", 0750).file("y/z", "z"));
        assertThat(at("x").type()).isEqualTo(FileType.REGULAR);
        assertThat(at("y").type()).isEqualTo(FileType.DIRECTORY);
        assertThat(at("y/z")).isNotNull();
    }

    @Test
    void aFileCannotHoldEntries() {
        assertThatThrownBy(() -> apply(0, new LayerTar(1).file("f", "x").file("f/g", "y")))
                .isInstanceOf(ZosException.class).hasMessageContaining("entry 'f/g' of layer 1")
                .hasMessageContaining("not a directory");
    }

    @Test
    void devicesGetLinuxRdev() throws Exception {
        apply(0, new LayerTar(1).charDevice("dev/tty", 5, 0).charDevice("dev/big", 259, 70000));
        assertThat(at("dev/tty").rdev).isEqualTo(0x500);
        FsNode big = at("dev/big");
        assertThat(big.rdev & 0xff | (big.rdev >>> 12) & ~0xffL).isEqualTo(70000);
        assertThat((big.rdev >>> 8) & 0xfff | (big.rdev >>> 32) & ~0xfffL).isEqualTo(259);
    }
}
