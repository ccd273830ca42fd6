package dev.zos.flistctl.tag;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.flist.meta.FlistEditor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the flist's tags.")
final class TagListCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Mixin
    OutputMixin output;

    TagListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        Map<String, String> tags = FlistEditor.read(meta).tags();
        output.print(out(), tags, () -> new Table(List.of("KEY", "VALUE"),
                tags.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
        return 0;
    }
}
