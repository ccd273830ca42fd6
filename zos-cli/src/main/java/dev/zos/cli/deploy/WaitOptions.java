package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --no-wait} and {@code --timeout}: whether and how long a command waits for the node to report. */
public final class WaitOptions {
    @Option(names = "--no-wait", description = "Return once the node accepted the request; do not wait for the workloads.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for the workloads, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofMinutes(5);

    public boolean waiting() {
        return !noWait;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Seconds ({@code 30}, {@code 30s}), minutes ({@code 5m}) or hours ({@code 1h}). */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                char unit = v.isEmpty() ? '?' : v.charAt(v.length() - 1);
                String number = v.isEmpty() ? "" : Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
                long n = Long.parseLong(number);
                Duration d = switch (unit) {
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    default -> Character.isDigit(unit) ? Duration.ofSeconds(n) : null;
                };
                if (d != null && !d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ZosException.invalid("invalid duration '" + value + "': use seconds, or a number with s, m or h (e.g. 90s, 5m)");
        }
    }
}
