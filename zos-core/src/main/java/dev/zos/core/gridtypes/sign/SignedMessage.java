package dev.zos.core.gridtypes.sign;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequirement;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The bytes a signature covers, which depend on the requirement's signature style. */
final class SignedMessage {
    private SignedMessage() {
    }

    static byte[] of(Deployment d) {
        byte[] hash = d.challengeHash();
        if (SignatureRequirement.STYLE_POLKA_WALLET.equals(d.signatureRequirement().signatureStyle())) {
            // the polkadot wallet only signs text, wrapped in <Bytes> tags
            return ("<Bytes>" + HexFormat.of().formatHex(hash) + "</Bytes>").getBytes(StandardCharsets.US_ASCII);
        }
        return hash;
    }
}
