package dev.zos.cli.deployment;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.DeploymentReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print the challenge hash (hex MD5) of a deployment, as ThreeFold's clients and nodes compute it.",
            "The contract of a deployment stores this hash; compare it with other grid clients.",
            "FILE is gridtypes JSON (.json) or this project's YAML (.yaml, .yml; sizes such as 2GiB)."})
final class DeploymentHashCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Deployment file.")
    Path file;

    @Option(names = "--explain", description = "Also show the challenge string, part by part, that the hash is taken over.")
    boolean explain;

    @Mixin
    OutputMixin output;

    DeploymentHashCommand(CliContext context) {
        super(context);
    }

    /** What {@code -o json|yaml} prints. */
    record HashView(String file, String hash, String challenge, Map<String, String> parts) {
    }

    @Override
    protected int run() {
        Deployment d = DeploymentReader.read(file);
        String hash = d.challengeHashHex();
        var challenge = d.challenge();
        if (output.format() == OutputFormat.TABLE && !explain) {
            out().println(hash);
            out().flush();
            return 0;
        }
        var view = new HashView(file.toString(), hash, challenge.text(), challenge.parts());
        output.print(out(), view, () -> {
            var rows = new java.util.ArrayList<List<String>>();
            rows.add(List.of("hash", hash));
            challenge.parts().forEach((part, text) -> rows.add(List.of(part, text)));
            return new Table(List.of("PART", "CHALLENGE"), rows);
        });
        return 0;
    }
}
