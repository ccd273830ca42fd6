package dev.zos.core.gridtypes.sign;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Signature;
import dev.zos.core.identity.TwinKey;
import java.util.HexFormat;

/** Adds a twin's ed25519 signature to a deployment. */
public final class DeploymentSigner {
    private DeploymentSigner() {
    }

    /**
     * A copy of {@code deployment} signed by {@code twinId} with {@code key}: ed25519 over the raw
     * challenge hash (or its polka-wallet text form), stored hex with type ed25519. An earlier
     * signature by the same twin is replaced in place. Sign after every change: any edit to a hashed
     * field invalidates all signatures.
     */
    public static Deployment sign(Deployment deployment, long twinId, TwinKey key) {
        byte[] signature = key.sign(SignedMessage.of(deployment));
        var entry = new Signature(twinId, HexFormat.of().formatHex(signature), Signature.ED25519);
        return deployment.withSignatureRequirement(deployment.signatureRequirement().withSignature(entry));
    }
}
