package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.registry.model.Resources;
import dev.zos.grid.testing.TestGrid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registration watch against a real grid on loopback, nodes registered as a booted node does (its own twin, uptime). */
class RegistrationWatchTest {

    @Test
    void theGuestsViewOfTheHostIsLoopbackOnTheHost() {
        assertThat(RegistrationWatch.hostSide(URI.create("http://10.0.2.2:8080/"))).isEqualTo(URI.create("http://127.0.0.1:8080/"));
        assertThat(RegistrationWatch.hostSide(URI.create("https://grid.example:443"))).isEqualTo(URI.create("https://grid.example:443"));
    }

    @Test
    void onlyNodesRegisteredAfterTheWatchBeganCount() throws Exception {
        TestGrid grid = TestGrid.shared();
        long farm = grid.newFarm("watch_farm");
        long other = grid.newFarm("other_farm");
        long old = grid.newNode(farm, "BE", new Resources(2, 1L << 30, 10L << 30, 0));
        // the grid as a guest names it: the watch polls the host side
        RegistrationWatch watch = RegistrationWatch.begin(URI.create(grid.url().replace("127.0.0.1", "10.0.2.2")), farm);
        grid.newNode(other, "BE", new Resources(2, 1L << 30, 10L << 30, 0));
        long fresh = grid.newNode(farm, "BE", new Resources(4, 2L << 30, 20L << 30, 0));
        List<RegistrationWatch.Registered> up = watch.await(1, Duration.ofSeconds(30), () -> { });
        assertThat(up).singleElement().satisfies(r -> {
            assertThat(r.node().nodeId()).isEqualTo(fresh).isNotEqualTo(old);
            assertThat(r.node().status()).isEqualTo("up");
            assertThat(r.node().totalResources().cru()).isEqualTo(4);
        });
    }

    @Test
    void aTimeoutSaysHowManyCameUpAndAStoppedMachineEndsTheWait() throws Exception {
        TestGrid grid = TestGrid.shared();
        long farm = grid.newFarm("slow_farm");
        RegistrationWatch watch = RegistrationWatch.begin(URI.create(grid.url()), farm);
        grid.newNode(farm, "BE", new Resources(2, 1L << 30, 10L << 30, 0));
        assertThatThrownBy(() -> watch.await(2, Duration.ofSeconds(2), () -> { }))
                .hasMessageContaining("1 of 2 node(s) registered in farm " + farm).hasMessageContaining("within 2 s");
        RegistrationWatch again = RegistrationWatch.begin(URI.create(grid.url()), farm);
        assertThatThrownBy(() -> again.await(1, Duration.ofSeconds(60), () -> {
            throw new IllegalStateException("zos-node-1 stopped");
        })).hasMessage("zos-node-1 stopped");
    }

    @Test
    void anUnreachableGridIsNamed() {
        assertThatThrownBy(() -> RegistrationWatch.begin(URI.create("http://127.0.0.1:1"), 3))
                .hasMessageContaining("cannot list the nodes of farm 3 at http://127.0.0.1:1");
    }
}
