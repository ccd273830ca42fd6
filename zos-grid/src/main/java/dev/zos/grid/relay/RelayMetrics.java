package dev.zos.grid.relay;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters of the relay, exposed on {@code /metrics} in Prometheus' text format. */
public final class RelayMetrics {
    final LongAdder received = new LongAdder();
    final LongAdder receivedBytes = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder forwardedBytes = new LongAdder();
    final LongAdder queued = new LongAdder();
    final LongAdder connections = new LongAdder();
    private final Map<String, LongAdder> rejectedConnections = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new TreeMap<>();

    void rejectedConnection(String reason) {
        rejectedConnections.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void error(String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    long errors(String reason) {
        LongAdder a = errors.get(reason);
        return a == null ? 0 : a.sum();
    }

    synchronized void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public synchronized String render() {
        var out = new StringBuilder();
        counter(out, "relay_envelopes_received_total", "Envelopes received from peers.", received.sum());
        counter(out, "relay_envelopes_received_bytes_total", "Bytes of envelopes received from peers.", receivedBytes.sum());
        counter(out, "relay_envelopes_forwarded_total", "Envelopes written to a connected peer.", forwarded.sum());
        counter(out, "relay_envelopes_forwarded_bytes_total", "Bytes of envelopes written to connected peers.", forwardedBytes.sum());
        counter(out, "relay_envelopes_queued_total", "Envelopes queued for a session that was offline or behind.", queued.sum());
        counter(out, "relay_connections_total", "Authenticated websocket connections accepted.", connections.sum());
        labelled(out, "relay_connections_rejected_total", "Websocket upgrades refused, by reason.", rejectedConnections);
        labelled(out, "relay_errors_total", "Envelopes answered with a relay error or dropped, by reason.", errors);
        for (var g : gauges.entrySet()) {
            out.append("# TYPE ").append(g.getKey()).append(" gauge\n")
                    .append(g.getKey()).append(' ').append(g.getValue().getAsLong()).append('\n');
        }
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void labelled(StringBuilder out, String name, String help, Map<String, LongAdder> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(values).forEach((reason, n) ->
                out.append(name).append("{reason=\"").append(reason).append("\"} ").append(n.sum()).append('\n'));
    }
}
