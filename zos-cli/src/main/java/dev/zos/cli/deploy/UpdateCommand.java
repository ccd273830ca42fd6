package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change a running deployment to what a file describes: new and changed workloads are (re)provisioned,",
            "unchanged ones keep running, left-out ones are deleted. The contract keeps its id and takes the new hash;",
            "if the node refuses, the contract gets its old hash back."})
public final class UpdateCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME|CONTRACT", description = "Deployment name (see 'zos list') or contract id.")
    String ref;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The deployment as it should be (YAML or JSON, as for 'zos deploy -f').")
    Path file;

    @Option(names = "--dry-run", description = "Print the next version as it would be signed and sent, with what changes; send nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json or yaml (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    WaitOptions wait;

    @Mixin
    GridOption grid;

    UpdateCommand(CliContext context) {
        super(context);
    }

    /** What an update prints. */
    record Updated(String name, long contractId, long nodeId, long version, String hash, List<String> changed,
                   List<String> removed, boolean sent, Deployment deployment) {
    }

    @Override
    protected int run() {
        OutputFormat format = Render.format(output);
        Deployment wanted = DeploymentReader.read(file);
        var session = grid.open(context);
        var target = DeploymentRef.resolve(ref, session, new DeploymentRecords(context.dataDir()));
        String name = target.name().isEmpty() ? Long.toString(target.contractId()) : target.name();
        PrintWriter progress = format == OutputFormat.TABLE ? out() : err();
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            Deployment current = nodes.get(target.nodeId(), target.contractId());
            long owner = session.requireTwin().twinId();
            if (current.twinId() != owner) {
                throw new ZosException(ZosException.Kind.FORBIDDEN, "deployment " + name + " belongs to twin "
                        + current.twinId() + "; only its owner updates it");
            }
            if (!DeploymentUpdate.ownerAlone(current.signatureRequirement(), owner)) {
                throw ZosException.invalid("deployment " + name + " needs its co-signers' signatures; an update of a"
                        + " co-signed deployment is not supported by 'zos update' yet");
            }
            DeploymentUpdate update = DeploymentUpdate.of(current, Owner.assign(wanted, owner));
            Deployment signed;
            try {
                signed = DeploymentSigner.sign(update.next().validate(), owner, session.key());
            } catch (ZosException e) {
                throw new ZosException(e.kind(), "the deployment is invalid: " + e.getMessage(), e);
            }
            if (update.empty() || dryRun) {
                print(format, new Updated(name, target.contractId(), target.nodeId(), update.empty() ? current.version() : signed.version(),
                        update.empty() ? current.challengeHashHex() : signed.challengeHashHex(), update.changed(), update.removed(), false,
                        update.empty() ? current : signed), update.empty() ? "nothing to update: " + name + " already is what " + file.getFileName() + " describes"
                        : "dry run: nothing was sent");
                return 0;
            }
            String previousHash = current.challengeHashHex();
            session.client().submit(session.signer().contractNodeUpdate(target.contractId(), signed.challengeHashHex()));
            try {
                nodes.call(target.nodeId(), "zos.deployment.update", GridJson.json().valueToTree(signed));
            } catch (ZosException e) {
                String undo;
                try {
                    session.client().submit(session.signer().contractNodeUpdate(target.contractId(), previousHash));
                    undo = "contract " + target.contractId() + " has its old hash again";
                } catch (ZosException revert) {
                    undo = "contract " + target.contractId() + " keeps the new hash (" + revert.getMessage() + ")";
                }
                throw new ZosException(e.kind(), e.getMessage() + " (" + undo + ")", e);
            }
            progress.println("updating " + name + ": version " + signed.version() + ", hash " + signed.challengeHashHex()
                    + (update.changed().isEmpty() ? "" : ", (re)provisioning " + String.join(", ", update.changed()))
                    + (update.removed().isEmpty() ? "" : ", deleting " + String.join(", ", update.removed())));
            progress.flush();
            Deployment result = signed;
            if (wait.waiting()) {
                var watch = new DeploymentWatch(nodes, progress, new Spinner(err(), context.interactive()));
                long version = signed.version();
                result = watch.until(target.nodeId(), target.contractId(),
                        d -> d.version() == version && DeploymentWatch.settled(d), true, wait.timeout(), name + " to be updated");
            }
            print(format, new Updated(name, target.contractId(), target.nodeId(), signed.version(), signed.challengeHashHex(),
                    update.changed(), update.removed(), true, result), null);
        }
        return 0;
    }

    private void print(OutputFormat format, Updated view, String headline) {
        Render.print(out(), format, view, () -> {
            if (headline != null) {
                out().println(headline);
            }
            return Table.ofFields(List.of("updated", "contract", "version", "changed", "deleted"),
                    List.of(view.name(), view.contractId(), view.version(),
                            view.changed().isEmpty() ? "-" : String.join(",", view.changed()),
                            view.removed().isEmpty() ? "-" : String.join(",", view.removed())));
        });
    }
}
