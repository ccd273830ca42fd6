package dev.zos.farmer.farm;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.tx.TxBody;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add public IPv4 addresses (CIDR form, e.g. 185.69.166.10/24) with their gateway to a farm you own.")
final class FarmIpsAddCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FARM", description = "Farm id.")
    long farmId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IP/PREFIX", description = "Addresses to add.")
    List<String> ips;

    @Option(names = "--gateway", paramLabel = "IP", required = true, description = "Their gateway, in the same network.")
    String gateway;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    FarmIpsAddCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<TxBody.IpInput> inputs = ips.stream().map(ip -> new TxBody.IpInput(ip, gateway)).toList();
        var session = grid.open(context);
        FarmOwner.require(session, farmId);
        session.client().submit(session.signer().farmIpsAdd(farmId, inputs));
        GridFarm farm = session.client().farm(farmId);
        output.print(out(), farm, () -> FarmViews.ips(farm));
        return 0;
    }
}
