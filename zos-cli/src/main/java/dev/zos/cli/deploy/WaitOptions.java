package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.time.DurationText;
import java.time.Duration;
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

    /** {@link DurationText}'s grammar; zero is refused (a wait that cannot succeed). */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = DurationText.parse(value);
                if (!d.isZero()) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // the one message below
            }
            throw ZosException.invalid("invalid duration '" + value + "': use " + DurationText.FORMS);
        }
    }
}
