package dev.zos.cli.shell;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Completes what the shell's user types: command and subcommand names and options from the command model,
 * node ids after {@code --node} and as {@code call}'s first argument, deployment names as the first argument
 * of {@code get}, {@code logs} and {@code cancel}.
 */
final class ShellCompleter implements Completer {
    static final Set<String> TAKES_DEPLOYMENT = Set.of("get", "logs", "cancel");

    private final CommandSpec root;
    private final Supplier<List<String>> nodeIds;
    private final Supplier<List<String>> deploymentNames;

    ShellCompleter(CommandSpec root, Supplier<List<String>> nodeIds, Supplier<List<String>> deploymentNames) {
        this.root = root;
        this.nodeIds = nodeIds;
        this.deploymentNames = deploymentNames;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates(line.words(), line.wordIndex()).forEach(c -> candidates.add(new Candidate(c)));
    }

    /** The candidates for word {@code index} of {@code words}. */
    List<String> candidates(List<String> words, int index) {
        if (index == 0) {
            var names = new java.util.ArrayList<>(visible(root.subcommands()));
            names.add("exit");
            return names;
        }
        String previous = words.get(index - 1);
        if (previous.equals("--node")) {
            return nodeIds.get();
        }
        String command = words.get(0);
        if (index == 1 && command.equals("call")) {
            return nodeIds.get();
        }
        if (index == 1 && TAKES_DEPLOYMENT.contains(command)) {
            return deploymentNames.get();
        }
        CommandLine sub = root.subcommands().get(command);
        if (sub == null) {
            return List.of();
        }
        CommandSpec spec = sub.getCommandSpec();
        for (int i = 1; i < index; i++) {
            CommandLine deeper = spec.subcommands().get(words.get(i));
            if (deeper != null) {
                spec = deeper.getCommandSpec();
            }
        }
        var result = new java.util.ArrayList<>(visible(spec.subcommands()));
        spec.options().stream().filter(o -> !o.hidden()).forEach(o -> result.add(o.longestName()));
        return result;
    }

    private static List<String> visible(Map<String, CommandLine> subcommands) {
        return subcommands.entrySet().stream().filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey).sorted().toList();
    }
}
