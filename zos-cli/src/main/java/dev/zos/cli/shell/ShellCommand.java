package dev.zos.cli.shell;

import dev.zos.cli.ZosMain;
import dev.zos.cli.deploy.DeploymentRecord;
import dev.zos.cli.deploy.DeploymentRecords;
import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.CommandLines;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive shell running zos commands without the 'zos' prefix: line editing, history",
            "(kept in $XDG_DATA_HOME/zos/history) and Tab completion of commands, node ids and deployment names.",
            "'exit' or Ctrl-D leaves it. Without a terminal it reads commands from standard input, one a line."})
public final class ShellCommand extends BaseCommand {
    static final String PROMPT = "zos> ";

    ShellCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        Files.createDirectories(context.dataDir());
        try (Terminal terminal = terminal()) {
            PrintWriter writer = terminal.writer();
            var completer = new ShellCompleter(CommandLines.create(ZosMain.class, context).getCommandSpec(),
                    this::nodeIds, this::deploymentNames);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("zos")
                    .history(new DefaultHistory())
                    .variable(LineReader.HISTORY_FILE, context.dataDir().resolve("history"))
                    .variable(LineReader.HISTORY_SIZE, 1000)
                    .completer(completer)
                    .build();
            // commands run inside the shell read no standard input: the shell owns it
            var inner = new CliContext(context.env(), context.home(), InputStream.nullInputStream(), context.interactive());
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                List<String> words = new ArrayList<>(reader.getParser().parse(line, line.length()).words());
                words.removeIf(String::isEmpty);
                if (!words.isEmpty() && words.get(0).equals("zos")) {
                    words.remove(0);
                }
                if (words.isEmpty()) {
                    continue;
                }
                if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
                    break;
                }
                if (words.get(0).equals("shell")) {
                    writer.println("already in the zos shell");
                    writer.flush();
                    continue;
                }
                CommandLine cl = CommandLines.create(ZosMain.class, inner);
                cl.setOut(writer);
                cl.setErr(writer);
                cl.execute(words.toArray(String[]::new));
                writer.flush();
            }
            reader.getHistory().save();
        }
        return 0;
    }

    private Terminal terminal() throws java.io.IOException {
        if (context.interactive()) {
            return TerminalBuilder.builder().system(true).name("zos").build();
        }
        return new DumbTerminal(context.stdin(), new WriterOutputStream(out()));
    }

    private List<String> nodeIds() {
        try {
            var client = GridSession.open(context.configDir(), null).client();
            return client.nodes(NodeQuery.builder().statuses(List.of("up")).paging(new Paging(1, Paging.MAX_SIZE)).build())
                    .items().stream().map(n -> Long.toString(n.nodeId())).toList();
        } catch (RuntimeException e) {
            return List.of(); // no grid chosen or unreachable: nothing to offer
        }
    }

    private List<String> deploymentNames() {
        try {
            return new DeploymentRecords(context.dataDir()).all().stream().map(DeploymentRecord::name).distinct().sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
