package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.sign.Verification;
import dev.zos.core.registry.client.GridSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Sign a deployment, create its node contract and send it to the node; then wait until every",
            "workload is ok or one fails.",
            "With --require TWIN:WEIGHT, write a pending file instead (-o FILE) for co-signers ('zos sign FILE');",
            "'zos deploy --submit FILE' then checks the signature weight, creates the contract and sends it.",
            "The contract is created only at submit, when the quorum is reached."},
        subcommands = {DeployContainerCommand.class})
public final class DeployCommand extends BaseCommand {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Deployment file: this project's YAML (.yaml, .yml; sizes such as 2GiB) or gridtypes JSON.")
    Path file;

    @Option(names = "--submit", paramLabel = "FILE", description = "Send a pending deployment once it has enough signatures.")
    Path submit;

    @Option(names = "--name", paramLabel = "NAME", description = "Name to remember the deployment by (default: the file's name).")
    String name;

    @Option(names = "--require", paramLabel = "TWIN:WEIGHT", split = ",",
            description = "Co-signing: a twin whose signature counts with this weight (repeat). Needs -o FILE.")
    List<String> require = new ArrayList<>();

    @Option(names = "--weight-required", paramLabel = "N", description = "Co-signing: signature weight needed (default: the sum of all weights).")
    Long weightRequired;

    @Option(names = "--dry-run", description = "Print the deployment as it would be signed and sent, with its hash; send nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT|FILE", defaultValue = "table",
            description = "Output format: table, json or yaml (default: ${DEFAULT-VALUE}); with --require, the pending file to write.")
    String output;

    @Mixin
    TargetOptions target;

    @Mixin
    WaitOptions wait;

    @Mixin
    GridOption grid;

    DeployCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if ((file == null) == (submit == null)) {
            throw ZosException.invalid("pass -f FILE to deploy a file, --submit FILE to send a co-signed one,"
                    + " or use 'zos deploy container ...'");
        }
        if (submit != null) {
            return submit();
        }
        List<SignatureRequest> requests = parseRequests();
        OutputFormat format = requests.isEmpty() || dryRun ? Render.format(output) : OutputFormat.TABLE;
        Deployment fromFile = DeploymentReader.read(file);
        String deploymentName = name != null ? name : defaultName(file);
        DeploySteps.checkName(deploymentName);
        GridSession session = grid.open(context);
        var steps = new DeploySteps(context, session, out(), err(), format);
        Deployment owned = Owner.assign(fromFile, steps.twin());
        if (!requests.isEmpty()) {
            owned = Owner.requireSigners(owned, requests, weightRequired == null ? 0 : weightRequired);
            if (dryRun) {
                Deployment signed = steps.signAsOwner(owned);
                steps.dryRun(signed, target.given() ? target.resolve(session.client(), signed.capacity()) : 0);
                return 0;
            }
            return propose(session, steps, deploymentName, owned);
        }
        Deployment signed = steps.signAsOwner(owned);
        if (dryRun) {
            steps.dryRun(signed, target.given() ? target.resolve(session.client(), signed.capacity()) : 0);
            return 0;
        }
        long nodeId = target.resolve(session.client(), signed.capacity());
        return steps.deploy(deploymentName, file.toAbsolutePath().toString(), nodeId, signed, wait);
    }

    private int propose(GridSession session, DeploySteps steps, String deploymentName, Deployment owned) {
        if (output == null || List.of("table", "json", "yaml").contains(output)) {
            throw ZosException.invalid("--require writes a pending deployment: name the file with -o FILE");
        }
        Deployment signed = steps.signAsOwner(owned);
        long nodeId = target.given() ? target.resolve(session.client(), signed.capacity()) : 0;
        var pending = new PendingDeployment(PendingDeployment.KIND, deploymentName, session.client().url().toString(),
                nodeId, file.toAbsolutePath().toString(), signed);
        Path to = Path.of(output);
        pending.write(to);
        var verification = SignatureVerifier.verify(signed, new RegistryTwins(session.client()));
        out().println("wrote " + to + ": hash " + signed.challengeHashHex() + ", signed by twin " + steps.twin());
        out().println(SignCommand.progress(signed, verification) + "; each signer runs 'zos sign " + to
                + "', then 'zos deploy --submit " + to + "'");
        out().flush();
        return 0;
    }

    private int submit() {
        OutputFormat format = Render.format(output);
        PendingDeployment pending = PendingDeployment.read(submit);
        GridSession session = grid.open(context);
        String url = session.client().url().toString();
        if (!pending.grid().equals(url)) {
            throw ZosException.invalid(submit + " was prepared for the grid at " + pending.grid() + ", not " + url
                    + "; pass --grid " + pending.grid());
        }
        var steps = new DeploySteps(context, session, out(), err(), format);
        Deployment d = pending.deployment();
        if (d.twinId() != steps.twin()) {
            throw ZosException.forbidden("only the owner, twin " + d.twinId() + ", can submit " + submit
                    + "; you are twin " + steps.twin());
        }
        Verification v = SignatureVerifier.verify(d, new RegistryTwins(session.client()));
        if (!v.valid()) {
            throw ZosException.forbidden("not enough signatures to submit " + submit + ": " + SignCommand.progress(d, v)
                    + (v.invalidTwins().isEmpty() ? "" : "; invalid signatures of twin " + v.invalidTwins().stream()
                    .map(String::valueOf).collect(Collectors.joining(", "))));
        }
        long nodeId = target.given() ? target.resolve(session.client(), d.capacity()) : pending.nodeId();
        if (nodeId == 0) {
            throw ZosException.invalid(submit + " names no node: pass --node NODE or --farm FARM");
        }
        if (dryRun) {
            steps.dryRun(d, nodeId);
            return 0;
        }
        return steps.deploy(name != null ? name : pending.name(), pending.file(), nodeId, d, wait);
    }

    private List<SignatureRequest> parseRequests() {
        var list = new ArrayList<SignatureRequest>();
        for (String r : require) {
            String[] parts = r.strip().split(":");
            try {
                if (parts.length == 2) {
                    long twin = Long.parseLong(parts[0]);
                    long weight = Long.parseLong(parts[1]);
                    if (twin > 0 && weight >= 0) {
                        list.add(new SignatureRequest(twin, false, weight));
                        continue;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ZosException.invalid("invalid --require '" + r + "': expected TWIN:WEIGHT, e.g. 12:1");
        }
        if (weightRequired != null && list.isEmpty()) {
            throw ZosException.invalid("--weight-required needs at least one --require TWIN:WEIGHT");
        }
        return list;
    }

    static String defaultName(Path file) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
