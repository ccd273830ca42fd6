package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.GroupCommand;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridFarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pricing", mixinStandardHelpOptions = true, description = "The pricing policy a farm's capacity is billed by.",
        subcommands = FarmPricingCommand.Set.class)
public final class FarmPricingCommand extends GroupCommand {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the pricing policy of a farm you own.")
    static final class Set extends BaseCommand {
        @Parameters(index = "0", paramLabel = "FARM", description = "Farm id.")
        long farmId;

        @Option(names = "--policy", paramLabel = "ID", required = true, description = "Pricing policy id (1 is the grid's default).")
        long policy;

        @Mixin
        GridOption grid;

        @Mixin
        OutputMixin output;

        Set(CliContext context) {
            super(context);
        }

        @Override
        protected int run() {
            if (policy < 1) {
                throw ZosException.invalid("--policy must be a policy id ≥ 1, got " + policy);
            }
            var session = grid.open(context);
            GridFarm before = FarmOwner.require(session, farmId);
            if (before.pricingPolicyId() != policy) {
                session.client().submit(session.signer().farmUpdate(farmId, before.name(), policy));
            }
            GridFarm farm = session.client().farm(farmId);
            output.print(out(), farm, () -> dev.zos.cli.kit.Table.ofFields(java.util.List.of("farm", "name", "pricing policy"),
                    java.util.List.of(farm.farmId(), farm.name(), farm.pricingPolicyId())));
            return 0;
        }
    }
}
