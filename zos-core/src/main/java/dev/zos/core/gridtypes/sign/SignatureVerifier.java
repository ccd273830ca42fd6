package dev.zos.core.gridtypes.sign;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Signature;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.identity.Ed25519;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a deployment's signatures the way the node does: the owner ({@code twin_id}) must be among
 * the requests and is always required; every required request needs a valid signature; the summed
 * weight of valid signatures must reach {@code weight_required}. An attached signature that does not
 * verify is an error even for an optional signer. Signatures by twins that were not requested are
 * ignored. Only ed25519 is verified; sr25519 signatures are reported as unsupported.
 */
public final class SignatureVerifier {
    private final TwinKeys keys;

    public SignatureVerifier(TwinKeys keys) {
        this.keys = keys;
    }

    public Verification verify(Deployment d) {
        var req = d.signatureRequirement();
        byte[] message = SignedMessage.of(d);
        var problems = new ArrayList<String>();
        var missing = new ArrayList<Long>();
        var invalid = new ArrayList<Long>();
        long weight = 0;
        boolean ownerRequested = false;
        for (SignatureRequest r : req.requests()) {
            boolean owner = r.twinId() == d.twinId();
            ownerRequested |= owner;
            boolean required = r.required() || owner;
            Optional<Signature> sig = req.signatures().stream().filter(s -> s.twinId() == r.twinId()).findFirst();
            if (sig.isEmpty()) {
                if (required) {
                    missing.add(r.twinId());
                    problems.add("missing required signature of twin " + r.twinId() + (owner ? " (the owner)" : ""));
                }
                continue;
            }
            String bad = check(r.twinId(), sig.get(), message);
            if (bad != null) {
                invalid.add(r.twinId());
                problems.add(bad);
            } else {
                weight += r.weight();
            }
        }
        if (!ownerRequested) {
            problems.add(0, "owner twin " + d.twinId() + " must be among the signature requests");
        }
        if (weight < req.weightRequired()) {
            problems.add("signature weight " + weight + " is below the required " + req.weightRequired()
                    + " (" + (req.weightRequired() - weight) + " more needed)");
        }
        return new Verification(weight, req.weightRequired(), missing, invalid, problems);
    }

    /** Null when valid, otherwise the problem. */
    private String check(long twin, Signature sig, byte[] message) {
        if (Signature.SR25519.equals(sig.signatureType())) {
            return "signature of twin " + twin + " is sr25519, which this verifier does not support";
        }
        Optional<byte[]> key = keys.publicKey(twin);
        if (key.isEmpty()) {
            return "no public key known for twin " + twin;
        }
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(sig.signature());
        } catch (IllegalArgumentException e) {
            return "signature of twin " + twin + " is not hex";
        }
        return Ed25519.verify(key.get(), message, raw) ? null : "signature of twin " + twin + " does not verify";
    }

    /** Convenience for one-off checks. */
    public static Verification verify(Deployment d, TwinKeys keys) {
        return new SignatureVerifier(keys).verify(d);
    }

}
