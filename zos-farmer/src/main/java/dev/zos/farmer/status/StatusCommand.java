package dev.zos.farmer.status;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.registry.client.FarmQuery;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.GridSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Display;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Your farms' nodes at a glance: status, power, uptime, capacity used/total, deployments, last report.",
                "At a terminal it refreshes in place until you press q; otherwise (or with --once, or -o json|yaml) it prints once."})
public final class StatusCommand extends BaseCommand {
    @Option(names = "--farm", paramLabel = "ID", description = "Only this farm (default: every farm you own).")
    Long farm;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "Refresh period of the live view (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--once", description = "Print once and exit, even at a terminal.")
    boolean once;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    StatusCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws IOException {
        if (interval < 1 || interval > 3600) {
            throw dev.zos.core.ZosException.invalid("--interval must be 1 to 3600 seconds, got " + interval);
        }
        GridSession session = grid.open(context);
        List<Long> farms = farm != null ? List.of(session.client().farm(farm).farmId()) : ownFarms(session);
        boolean live = !once && context.interactive() && System.console() != null && output.format() == dev.zos.cli.kit.OutputFormat.TABLE;
        if (!live) {
            FarmStatus status = FarmStatus.read(session.client(), farms, Instant.now());
            output.print(out(), status, () -> StatusView.table(status));
            return 0;
        }
        watch(session, farms);
        return 0;
    }

    private void watch(GridSession session, List<Long> farms) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Attributes saved = terminal.enterRawMode();
            terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_invisible);
            Display display = new Display(terminal, true);
            NonBlockingReader keys = terminal.reader();
            try {
                while (true) {
                    var size = terminal.getSize();
                    display.resize(size.getRows(), size.getColumns());
                    String failure = null;
                    FarmStatus status = null;
                    try {
                        status = FarmStatus.read(session.client(), farms, Instant.now());
                    } catch (dev.zos.core.ZosException e) {
                        failure = e.getMessage();
                    }
                    var lines = status != null ? StatusView.screen(status, size.getColumns(), !context.noColor())
                            : List.of(new org.jline.utils.AttributedString("grid unreachable, retrying: " + failure));
                    display.update(lines, -1);
                    terminal.flush();
                    long until = System.nanoTime() + Duration.ofSeconds(interval).toNanos();
                    while (System.nanoTime() < until) {
                        int c = keys.read(200);
                        if (c == 'q' || c == 'Q' || c == 3 || c == -1) {
                            return;
                        }
                    }
                }
            } finally {
                terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_visible);
                terminal.setAttributes(saved);
                terminal.writer().println();
                terminal.flush();
            }
        }
    }

    private static List<Long> ownFarms(GridSession session) {
        long twin = session.requireTwin().twinId();
        return session.client().farms(FarmQuery.ofTwin(twin)).items().stream().map(GridFarm::farmId).toList();
    }
}
