package dev.zos.cli.deploy;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.sign.Verification;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Add the current identity's signature to a pending deployment (written by 'zos deploy --require').",
            "Shows the challenge hash being signed; compare it with the one the owner announced.",
            "Only twins the deployment requests may sign; signing again replaces your earlier signature."})
public final class SignCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Pending deployment file.")
    Path file;

    @Mixin
    GridOption grid;

    SignCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        PendingDeployment pending = PendingDeployment.read(file);
        var session = grid.open(context);
        long twin = session.requireTwin().twinId();
        Deployment d = pending.deployment();
        if (d.signatureRequirement().requests().stream().noneMatch(r -> r.twinId() == twin)) {
            throw ZosException.forbidden("twin " + twin + " is not among the signers " + file + " requests (twins "
                    + d.signatureRequirement().requests().stream().map(r -> Long.toString(r.twinId()))
                    .collect(Collectors.joining(", ")) + ")");
        }
        out().println("hash " + d.challengeHashHex() + " (" + d.workloads().size() + " workloads, owner twin " + d.twinId()
                + (pending.nodeId() > 0 ? ", node " + pending.nodeId() : "") + ")");
        Deployment signed = DeploymentSigner.sign(d, twin, session.key());
        pending.withDeployment(signed).write(file);
        Verification v = SignatureVerifier.verify(signed, new RegistryTwins(session.client()));
        out().println("signed by twin " + twin + "; " + progress(signed, v));
        out().flush();
        return 0;
    }

    /** {@code weight 1 of 2; still to sign: twin 13 (weight 1)} or {@code ...; ready to submit}. */
    static String progress(Deployment d, Verification v) {
        var pendingTwins = d.signatureRequirement().requests().stream()
                .filter(r -> d.signatureRequirement().signatures().stream().noneMatch(s -> s.twinId() == r.twinId())
                        || v.invalidTwins().contains(r.twinId()))
                .map(SignCommand::describe).collect(Collectors.joining(", "));
        return "weight " + v.weight() + " of " + v.weightRequired() + " required; "
                + (v.valid() ? "ready to submit" : pendingTwins.isEmpty() ? "signatures do not verify"
                : "still to sign: " + pendingTwins);
    }

    private static String describe(SignatureRequest r) {
        return "twin " + r.twinId() + " (weight " + r.weight() + (r.required() ? ", required" : "") + ")";
    }
}
