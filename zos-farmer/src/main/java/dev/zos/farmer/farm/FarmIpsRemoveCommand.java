package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridFarm;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove public IPv4 addresses from a farm you own; addresses a contract uses cannot be removed.")
final class FarmIpsRemoveCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FARM", description = "Farm id.")
    long farmId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IP/PREFIX", description = "Addresses to remove, as listed by 'farm show'.")
    List<String> ips;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmIpsRemoveCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        var session = grid.open(context);
        GridFarm before = FarmOwner.require(session, farmId);
        for (String ip : ips) {
            var known = before.publicIps().stream().filter(p -> p.ip().equals(ip)).findFirst()
                    .orElseThrow(() -> ZosException.notFound("farm " + farmId + " has no public IP " + ip));
            if (known.contractId() != 0) {
                throw new ZosException(ZosException.Kind.CONFLICT, "public IP " + ip + " is used by contract " + known.contractId());
            }
        }
        session.client().submit(session.signer().farmIpsRemove(farmId, List.copyOf(ips)));
        GridFarm farm = session.client().farm(farmId);
        output.print(out(), farm, () -> FarmViews.ips(farm));
        return 0;
    }
}
