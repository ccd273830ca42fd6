package dev.zos.flistctl.tag;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistEditor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete tags by key, or all of them. A key the flist does not have is an error and nothing"
                + " is changed.")
final class TagDeleteCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    static final class Which {
        @Option(names = {"-k", "--key"}, paramLabel = "KEY", required = true, description = "A key to delete. Repeatable.")
        List<String> keys = new ArrayList<>();

        @Option(names = {"-a", "--all"}, required = true, description = "Delete every tag.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    TagDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        int[] removed = {0};
        FlistEditor.update(meta, m -> {
            if (which.all) {
                removed[0] = m.tags().size();
                return m.withTags(Map.of());
            }
            Map<String, String> t = new LinkedHashMap<>(m.tags());
            for (String k : which.keys) {
                if (t.remove(k) == null) {
                    throw ZosException.notFound("flist " + meta + " has no tag '" + k + "'"
                            + (m.tags().isEmpty() ? " (it has no tags)" : "; its tags are "
                            + String.join(", ", m.tags().keySet())));
                }
                removed[0]++;
            }
            return m.withTags(t);
        });
        out().printf("deleted %d tag(s) from %s%n", removed[0], meta);
        out().flush();
        return 0;
    }
}
