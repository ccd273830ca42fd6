package dev.zos.flistctl.tag;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.meta.FlistMetadata;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Set tags (an existing key gets the new value). The flist is rewritten atomically.")
final class TagAddCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", required = true, description = "A tag to set. Repeatable.")
    List<String> tags;

    TagAddCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<Map.Entry<String, String>> parsed = tags.stream().map(FlistMetadata::parseTag).toList();
        FlistEditor.update(meta, m -> {
            Map<String, String> t = new LinkedHashMap<>(m.tags());
            parsed.forEach(e -> t.put(e.getKey(), e.getValue()));
            return m.withTags(t);
        });
        out().printf("set %d tag(s) on %s%n", parsed.size(), meta);
        out().flush();
        return 0;
    }
}
