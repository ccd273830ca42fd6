package dev.zos.core.gridtypes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Who must sign a deployment and how much signature weight is enough. Several twins can share one
 * deployment: each request carries a weight, {@code weight_required} is the quorum, required
 * requests must sign whatever the weights say.
 */
public record SignatureRequirement(
        @JsonProperty("requests") List<SignatureRequest> requests,
        @JsonProperty("weight_required") long weightRequired,
        @JsonProperty("signatures") List<Signature> signatures,
        @JsonProperty("signature_style") String signatureStyle) {

    /** Signatures over the raw 16-byte hash. */
    public static final String STYLE_DEFAULT = "";
    /** Signatures over the ASCII text {@code <Bytes>hex-of-hash</Bytes>}, as the polkadot wallet signs. */
    public static final String STYLE_POLKA_WALLET = "polka-wallet";

    public SignatureRequirement {
        requests = Defaults.list(requests);
        signatures = Defaults.list(signatures);
        signatureStyle = Defaults.text(signatureStyle);
    }

    /** The usual single-owner requirement: the owner signs with weight 1 and 1 is enough. */
    public static SignatureRequirement owner(long twinId) {
        return new SignatureRequirement(List.of(new SignatureRequest(twinId, true, 1)), 1, List.of(), STYLE_DEFAULT);
    }

    /** A copy where {@code signature} replaces any earlier one by the same twin (kept in place) or is appended. */
    public SignatureRequirement withSignature(Signature signature) {
        var list = new ArrayList<Signature>(signatures);
        boolean replaced = false;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).twinId() == signature.twinId()) {
                list.set(i, signature);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            list.add(signature);
        }
        return new SignatureRequirement(requests, weightRequired, list, signatureStyle);
    }

    /** Go hashes requests, the quorum and the style; never the signatures themselves. */
    void challenge(Challenge c) {
        requests.forEach(r -> r.challenge(c));
        c.d(weightRequired).s(signatureStyle);
    }
}
