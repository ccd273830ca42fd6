package dev.zos.cli.deploy;

import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.SignatureRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the current twin the owner of a deployment read from a file. A file's {@code twin_id} is a
 * placeholder (files are shared and kept in git): it is replaced by the deploying twin, and so is every
 * signature request naming the placeholder. The owner must be among the requests (nodes refuse
 * otherwise): with no requests it becomes the only one (weight 1 of 1); otherwise it is added as
 * required with weight 1 when missing. Signatures in the file are dropped: they covered another hash.
 */
public final class Owner {
    private Owner() {
    }

    public static Deployment assign(Deployment d, long twin) {
        long placeholder = d.twinId();
        SignatureRequirement r = d.signatureRequirement();
        var requests = new ArrayList<SignatureRequest>();
        for (SignatureRequest q : r.requests()) {
            requests.add(q.twinId() == placeholder ? new SignatureRequest(twin, q.required(), q.weight()) : q);
        }
        SignatureRequirement fixed;
        if (requests.isEmpty()) {
            fixed = SignatureRequirement.owner(twin);
        } else {
            if (requests.stream().noneMatch(q -> q.twinId() == twin)) {
                requests.add(0, new SignatureRequest(twin, true, 1));
            }
            fixed = new SignatureRequirement(requests, Math.max(r.weightRequired(), 1), List.of(), r.signatureStyle());
        }
        return new Deployment(d.version(), twin, 0, d.metadata(), d.description(), d.expiration(), fixed, d.workloads());
    }

    /**
     * A co-signed requirement: the owner (required, {@code ownerWeight}) and the requested twins, with the quorum.
     * A request for the owner itself sets the owner's weight. A quorum of 0 means every weight together.
     */
    public static Deployment requireSigners(Deployment d, List<SignatureRequest> others, long weightRequired) {
        long twin = d.twinId();
        var requests = new ArrayList<SignatureRequest>();
        long ownerWeight = others.stream().filter(q -> q.twinId() == twin).mapToLong(SignatureRequest::weight).findFirst().orElse(1);
        requests.add(new SignatureRequest(twin, true, ownerWeight));
        others.stream().filter(q -> q.twinId() != twin).forEach(requests::add);
        long quorum = weightRequired > 0 ? weightRequired : requests.stream().mapToLong(SignatureRequest::weight).sum();
        return d.withSignatureRequirement(new SignatureRequirement(requests, quorum, List.of(),
                d.signatureRequirement().signatureStyle()));
    }
}
