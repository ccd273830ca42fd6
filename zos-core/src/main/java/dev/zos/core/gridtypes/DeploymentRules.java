package dev.zos.core.gridtypes;

import java.util.HashSet;
import java.util.List;

/** Deployment-wide rules (zos {@code Deployment.Valid}); each workload type checks its own data. */
final class DeploymentRules {
    private static final List<String> STYLES =
            List.of(SignatureRequirement.STYLE_DEFAULT, SignatureRequirement.STYLE_POLKA_WALLET);
    private static final List<String> SIGNATURE_TYPES = List.of(Signature.ED25519, Signature.SR25519);

    private DeploymentRules() {
    }

    static void check(Deployment d) {
        var root = FieldPath.root();
        root.field("version").requireUint32(d.version());
        root.field("twin_id").requireUint32(d.twinId());
        root.field("contract_id").requireUnsigned(d.contractId());
        checkRequirement(d.signatureRequirement(), root.field("signature_requirement"));

        var names = new HashSet<String>();
        for (int i = 0; i < d.workloads().size(); i++) {
            Workload w = d.workloads().get(i);
            FieldPath at = root.field("workloads").index(i);
            at.field("version").requireUint32(w.version());
            at.field("version").require(w.version() <= d.version(), "workload version " + w.version()
                    + " cannot be higher than the deployment version " + d.version());
            Names.check(w.name(), at.field("name"));
            at.field("name").require(names.add(w.name()), "another workload is already named '" + w.name() + "'");
            at.field("type").require(w.type().equals(w.data().type()),
                    "type '" + w.type() + "' does not match its data of type '" + w.data().type() + "'");
            w.data().validate(at.field("data"), d);
        }
    }

    private static void checkRequirement(SignatureRequirement r, FieldPath at) {
        at.field("weight_required").requireUnsigned(r.weightRequired());
        at.field("signature_style").require(STYLES.contains(r.signatureStyle()),
                "unknown signature style '" + r.signatureStyle() + "'; known: \"\", polka-wallet");
        for (int i = 0; i < r.requests().size(); i++) {
            var req = r.requests().get(i);
            FieldPath p = at.field("requests").index(i);
            p.field("twin_id").requireUint32(req.twinId());
            p.field("weight").requireUnsigned(req.weight());
        }
        for (int i = 0; i < r.signatures().size(); i++) {
            var sig = r.signatures().get(i);
            FieldPath p = at.field("signatures").index(i);
            p.field("twin_id").requireUint32(sig.twinId());
            p.field("signature").require(sig.signature().matches("([0-9a-fA-F]{2})*"), "not a hex string");
            p.field("signature_type").require(sig.signatureType().isEmpty() || SIGNATURE_TYPES.contains(sig.signatureType()),
                    "unknown signature type '" + sig.signatureType() + "'; known: ed25519, sr25519");
        }
    }
}
