package dev.zos.testkit;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Fish completions from a picocli model; picocli ships generators for bash and zsh only. */
final class FishCompletion {
    private FishCompletion() {
    }

    static String generate(CommandSpec root) {
        var out = new StringBuilder();
        String name = root.name();
        out.append("# fish completion for ").append(name).append(", generated from its command model\n");
        out.append("complete -c ").append(name).append(" -f\n");
        walk(out, name, root, new ArrayList<>());
        return out.toString();
    }

    private static void walk(StringBuilder out, String program, CommandSpec spec, List<String> path) {
        String condition = condition(spec, path);
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            out.append("complete -c ").append(program).append(" -n '").append(condition).append("'");
            for (String n : option.names()) {
                if (n.startsWith("--")) {
                    out.append(" -l ").append(n.substring(2));
                } else if (n.length() == 2) {
                    out.append(" -s ").append(n.substring(1));
                }
            }
            if (option.arity().max() > 0) {
                out.append(" -r");
                Iterable<String> candidates = option.completionCandidates();
                if (candidates != null) {
                    out.append(" -a '").append(String.join(" ", candidates)).append("'");
                }
            }
            out.append(" -d '").append(escape(first(option.description()))).append("'\n");
        }
        for (var e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
                continue;
            }
            out.append("complete -c ").append(program).append(" -n '").append(condition).append("' -a ")
                    .append(e.getKey()).append(" -d '").append(escape(first(sub.usageMessage().description()))).append("'\n");
            List<String> subPath = new ArrayList<>(path);
            subPath.add(e.getKey());
            walk(out, program, sub, subPath);
        }
    }

    // fish: complete at this level when exactly this chain of subcommands was typed
    private static String condition(CommandSpec spec, List<String> path) {
        List<String> children = new ArrayList<>(spec.subcommands().keySet());
        String here = path.isEmpty() ? "__fish_use_subcommand" : "__fish_seen_subcommand_from " + path.get(path.size() - 1);
        if (!path.isEmpty() && !children.isEmpty()) {
            here += "; and not __fish_seen_subcommand_from " + String.join(" ", children);
        }
        if (path.isEmpty() && children.isEmpty()) {
            here = "true";
        }
        return here;
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? "" : CommandLine.Help.Ansi.OFF.string(lines[0]);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
