package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.model.Farm;
import dev.zos.cli.kit.GridOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Register a farm owned by the current identity's twin (registering the twin first if needed)."})
final class FarmCreateCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Farm name: 3 to 40 letters, digits, '-' or '_'.")
    String name;

    @Option(names = "--pricing-policy", paramLabel = "ID", defaultValue = "1", description = "Pricing policy id (default: ${DEFAULT-VALUE}).")
    long pricingPolicy;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmCreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        Farm.checkName(name);
        var session = grid.open(context);
        session.ensureTwin();
        long id = session.client().submit(session.signer().farmCreate(name, pricingPolicy, List.of())).id();
        GridFarm farm = session.client().farm(id);
        output.print(out(), farm, () -> FarmViews.one(farm, 0));
        return 0;
    }
}
