package dev.zos.flistctl.sign;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.GridSession;
import dev.zos.flist.sign.FlistSignatures;
import dev.zos.flist.sign.SignatureCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign an flist with the current identity: the signature, the twin id and the public key go into",
            "the flist's tags (zos.signature*), over a digest of its content that leaves out routes and the signature."})
public final class SignCommand extends BaseCommand {
    @Option(names = {"-m", "--meta"}, required = true, paramLabel = "FL", description = "The flist to sign (replaced atomically).")
    Path flist;

    @Option(names = "--twin", paramLabel = "ID", description = "The identity's twin id (default: looked up on the grid).")
    Long twin;

    @Mixin
    GridOption gridOption;

    @Mixin
    OutputMixin output;

    public SignCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (!Files.isRegularFile(flist)) {
            throw ZosException.notFound("flist " + flist + " does not exist");
        }
        TwinKey key;
        long twinId;
        if (twin != null) {
            if (twin < 1) {
                throw ZosException.invalid("--twin must be a positive twin id, got " + twin);
            }
            key = new IdentityStore(context.configDir()).currentKey();
            twinId = twin;
        } else {
            GridSession session = gridOption.open(context);
            key = session.key();
            twinId = session.requireTwin().twinId();
        }
        SignatureCheck signed = FlistSignatures.sign(flist, key, twinId);
        output.print(out(), signed, () -> Table.ofFields(List.of("flist", "twin", "public key"),
                List.of(flist.toString(), signed.twinId(), signed.publicKey())));
        return 0;
    }
}
