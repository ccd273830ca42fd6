package dev.zos.imagegen.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.imagegen.TestKernels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleResolverTest {
    private final ModuleIndex index = ModuleIndex.scan(TestKernels.kernel().modulesDir());

    @Test
    void modinfoOfARealModuleNamesItsDependencies() {
        ModInfo info = index.modInfo("virtio_net");
        assertThat(info.name()).isEqualTo("virtio_net");
        assertThat(info.depends()).contains("net_failover");
        assertThat(info.first("vermagic")).startsWith(TestKernels.kernel().release().replace("-amd64", ""));
        assertThat(index.modInfo("ext4").depends()).contains("jbd2", "mbcache", "crc16");
    }

    @Test
    void loadOrderPutsDependenciesFirst() {
        List<String> order = new ModuleResolver(index).loadOrder(ModuleResolver.NODE_MODULES);
        assertThat(order).containsSubsequence("virtio_ring", "virtio", "virtio_pci");
        assertThat(order).containsSubsequence("failover", "net_failover", "virtio_net");
        assertThat(order).containsSubsequence("jbd2", "ext4").containsSubsequence("mbcache", "ext4").contains("fuse", "overlay", "e1000");
        for (int i = 0; i < order.size(); i++) {
            for (String dep : index.modInfo(order.get(i)).depends()) {
                assertThat(order.subList(0, i)).as(order.get(i) + " needs " + dep).contains(dep);
            }
        }
        assertThat(order).doesNotHaveDuplicates();
    }

    @Test
    void aModuleCountIsReported() {
        assertThat(index.size()).isGreaterThan(3000);
        assertThat(TestKernels.kernel().moduleCount()).isEqualTo(index.size());
    }

    @Test
    void modinfoStringsAreParsed() {
        var map = ModInfo.parseStrings("name=a\0depends=b,c-d\0alias=x\0alias=y\0".getBytes(StandardCharsets.UTF_8));
        var info = new ModInfo(map);
        assertThat(info.depends()).containsExactly("b", "c_d");
        assertThat(map.get("alias")).containsExactly("x", "y");
    }

    @Test
    void notAnElfIsRejected() {
        assertThatThrownBy(() -> ModInfo.parse("hello".getBytes(StandardCharsets.UTF_8), "x.ko"))
                .isInstanceOf(ZosException.class).hasMessageContaining("x.ko is not an ELF file");
    }
}
