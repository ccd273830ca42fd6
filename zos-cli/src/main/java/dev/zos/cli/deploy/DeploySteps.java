package dev.zos.cli.deploy;

import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.registry.client.GridSession;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * The steps shared by every way of deploying: sign as the owner, show a dry run, or create the contract,
 * send, remember the deployment locally and wait for the node's verdict.
 */
final class DeploySteps {
    private final CliContext context;
    private final GridSession session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    DeploySteps(CliContext context, GridSession session, PrintWriter out, PrintWriter err, OutputFormat format) {
        this.context = context;
        this.session = session;
        this.out = out;
        this.err = err;
        this.format = format;
    }

    /** What a dry run prints: the deployment exactly as it would be sent (contract id still 0) and its hash. */
    record DryRun(String hash, long nodeId, Deployment deployment) {
    }

    /** What a finished deploy prints. */
    record Deployed(String name, long contractId, long nodeId, String hash, Deployment deployment) {
    }

    long twin() {
        return session.requireTwin().twinId();
    }

    Deployment signAsOwner(Deployment withOwner) {
        Deployment checked;
        try {
            checked = withOwner.validate();
        } catch (ZosException e) {
            throw new ZosException(e.kind(), "the deployment is invalid: " + e.getMessage(), e);
        }
        return DeploymentSigner.sign(checked, twin(), session.key());
    }

    void dryRun(Deployment signed, long nodeId) {
        var view = new DryRun(signed.challengeHashHex(), nodeId, signed);
        Render.print(out, format, view, () -> {
            out.println("dry run: nothing was sent; hash " + view.hash() + (nodeId > 0 ? ", node " + nodeId : ""));
            return Render.workloads(signed);
        });
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw ZosException.invalid("invalid deployment name '" + name
                    + "': use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter");
        }
    }

    /** Creates the contract, sends the deployment, records it and, unless told not to, waits for its workloads. */
    int deploy(String name, String file, long nodeId, Deployment signed, WaitOptions wait) {
        checkName(name);
        var records = new DeploymentRecords(context.dataDir());
        String grid = session.client().url().toString();
        if (records.byName(grid, name).isPresent()) {
            throw new ZosException(ZosException.Kind.CONFLICT, "a deployment named '" + name
                    + "' already exists; cancel it first or choose another --name");
        }
        PrintWriter progress = format == OutputFormat.TABLE ? out : err;
        try (var nodes = NodeClient.open(session, NodeClient.DEFAULT_TIMEOUT)) {
            Deployment sent = new Deployer(session, nodes).create(nodeId, signed);
            long contract = sent.contractId();
            records.add(new DeploymentRecord(name, grid, contract, nodeId, twin(), file, Instant.now().getEpochSecond()));
            progress.println("deploying " + name + ": contract " + contract + " on node " + nodeId + ", hash " + sent.challengeHashHex());
            progress.flush();
            Deployment result = sent;
            if (wait.waiting()) {
                var watch = new DeploymentWatch(nodes, progress, new Spinner(err, context.interactive()));
                try {
                    result = watch.until(nodeId, contract, DeploymentWatch::settled, true, wait.timeout(), name + " to be ready");
                } catch (ZosException e) {
                    throw new ZosException(e.kind(), e.getMessage() + " ('zos cancel " + name + "' removes it)", e);
                }
            }
            var view = new Deployed(name, contract, nodeId, sent.challengeHashHex(), result);
            Render.print(out, format, view, () -> wait.waiting()
                    ? Table.ofFields(List.of("deployed", "contract", "node"), List.of(name, contract, nodeId))
                    : Table.ofFields(List.of("sent", "contract", "node", "check with"), List.of(name, contract, nodeId, "zos get " + name)));
        }
        return 0;
    }
}
