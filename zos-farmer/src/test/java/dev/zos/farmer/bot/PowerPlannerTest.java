package dev.zos.farmer.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.registry.client.Capacity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PowerPlannerTest {
    static final long GIB = 1L << 30;
    static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final Capacity BIG = new Capacity(8, 100 * GIB, 0, 32 * GIB);
    static final Capacity IDLE = Capacity.NONE;

    final BotConfig config = new BotConfig(1, Duration.ofMinutes(5), 80, Duration.ofMinutes(30), LocalTime.of(3, 0), Set.of(9L));
    final PowerPlanner planner = new PowerPlanner(config);
    final long longAgo = NOON.getEpochSecond() - 3600;

    NodeView node(long id, boolean on, Capacity used, long contracts, long lastChange) {
        return new NodeView(id, on, on, BIG, used, contracts, lastChange);
    }

    @Test
    void keepsNodesWithContractsAndNeverShutdownNodesOn() {
        var d = planner.plan(List.of(node(1, false, IDLE, 2, longAgo), node(9, false, IDLE, 0, longAgo), node(3, true, IDLE, 0, longAgo)),
                NOON, TODAY);
        assertThat(d).extracting(PowerPlanner.Decision::nodeId, PowerPlanner.Decision::powerOn, PowerPlanner.Decision::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, true, PowerPlanner.Rule.KEEP_ON),
                        org.assertj.core.groups.Tuple.tuple(9L, true, PowerPlanner.Rule.KEEP_ON));
        assertThat(d.get(0).reason()).isEqualTo("it has 2 active contract(s)");
    }

    @Test
    void wakesOneNodeWhenCapacityInUsePassesTheThreshold() {
        var busy = new Capacity(7, 0, 0, 26 * GIB); // 87.5 % of the cores
        var d = planner.plan(List.of(node(1, true, busy, 1, longAgo), node(2, false, IDLE, 0, longAgo), node(3, false, IDLE, 0, longAgo)),
                NOON, TODAY);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.powerOn()).isTrue();
            assertThat(x.nodeId()).isEqualTo(2);
            assertThat(x.reason()).isEqualTo("capacity in use 88% ≥ wake_up_threshold 80%");
        });
    }

    @Test
    void powersOffOneIdleSurplusNodeButNeverTheLastNorARecentlyChangedOne() {
        var some = new Capacity(2, 0, 0, 8 * GIB);
        var d = planner.plan(List.of(node(1, true, some, 1, longAgo), node(2, true, IDLE, 0, longAgo), node(3, true, IDLE, 0, longAgo)),
                NOON, TODAY);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.powerOn()).isFalse();
            assertThat(x.rule()).isEqualTo(PowerPlanner.Rule.IDLE);
            assertThat(x.reason()).contains("idle for 30 min with no contracts", "the other 2 node(s) carry the load at 13%");
        });
        assertThat(planner.plan(List.of(node(2, true, IDLE, 0, longAgo)), NOON, TODAY)).isEmpty();
        long recent = NOON.getEpochSecond() - 600;
        assertThat(planner.plan(List.of(node(2, true, IDLE, 0, recent), node(3, true, IDLE, 0, recent)), NOON, TODAY)).isEmpty();
        assertThat(planner.plan(List.of(node(9, true, IDLE, 0, longAgo), node(3, true, some, 1, longAgo)), NOON, TODAY))
                .as("never_shutdown nodes stay on").isEmpty();
    }

    @Test
    void doesNotPowerOffWhenTheOthersWouldPassTheThreshold() {
        var heavy = new Capacity(7, 0, 0, 8 * GIB); // 87.5 % of one node; 43.75 % of two
        assertThat(planner.plan(List.of(node(1, true, heavy, 1, longAgo), node(2, true, IDLE, 0, longAgo)), NOON, TODAY)).isEmpty();
    }

    @Test
    void wakesEverySleepingNodeOnceADayAfterTheConfiguredTime() {
        var nodes = List.of(node(1, true, IDLE, 1, longAgo), node(2, false, IDLE, 0, longAgo), node(3, false, IDLE, 0, longAgo));
        assertThat(planner.plan(nodes, NOON, TODAY.minusDays(1))).extracting(PowerPlanner.Decision::nodeId).containsExactly(2L, 3L);
        assertThat(planner.plan(nodes, NOON, null)).hasSize(2);
        assertThat(planner.plan(nodes, NOON, TODAY)).isEmpty();
        assertThat(planner.plan(nodes, Instant.parse("2026-11-27T02:59:00Z"), TODAY.minusDays(1))).isEmpty();
    }
}
