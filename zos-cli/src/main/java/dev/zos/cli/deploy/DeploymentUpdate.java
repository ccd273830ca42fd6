package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.SignatureRequirement;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.json.GridJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The next version of a running deployment, as zos's update rules want it: the deployment's version goes up by
 * one; a workload keeps its version when it is unchanged, and takes the new version when it is new or changed
 * (the node re-provisions exactly those); a workload left out is deleted; a type change is refused. Contract,
 * owner and signature requirement stay those of the running deployment.
 *
 * @param next      the unsigned next deployment
 * @param changed   names of the workloads the node will (re)provision
 * @param removed   names of the workloads the node will delete
 */
record DeploymentUpdate(Deployment next, List<String> changed, List<String> removed) {

    static DeploymentUpdate of(Deployment current, Deployment wanted) {
        long version = current.version() + 1;
        List<Workload> workloads = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Workload w : wanted.workloads()) {
            Optional<Workload> prev = current.workload(w.name());
            if (prev.isPresent() && !prev.get().type().equals(w.type())) {
                throw ZosException.invalid("workload '" + w.name() + "' cannot change type from " + prev.get().type()
                        + " to " + w.type() + "; give it another name");
            }
            if (prev.isPresent() && same(prev.get(), w)) {
                workloads.add(w.withVersion(prev.get().version()).withResult(null));
            } else {
                workloads.add(w.withVersion(version).withResult(null));
                changed.add(w.name());
            }
        }
        List<String> removed = current.workloads().stream().map(Workload::name)
                .filter(n -> wanted.workload(n).isEmpty()).toList();
        Deployment next = new Deployment(version, current.twinId(), current.contractId(),
                wanted.metadata().isEmpty() ? current.metadata() : wanted.metadata(),
                wanted.description().isEmpty() ? current.description() : wanted.description(),
                current.expiration(), withoutSignatures(current.signatureRequirement()), workloads);
        return new DeploymentUpdate(next, List.copyOf(changed), removed);
    }

    boolean empty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    /** Same data, metadata and description: compared in their wire form, as the hash sees them. */
    private static boolean same(Workload a, Workload b) {
        return GridJson.toJson(a.data()).equals(GridJson.toJson(b.data())) && a.metadata().equals(b.metadata())
                && a.description().equals(b.description());
    }

    private static SignatureRequirement withoutSignatures(SignatureRequirement r) {
        return new SignatureRequirement(List.copyOf(r.requests()), r.weightRequired(), List.of(), r.signatureStyle());
    }

    /** Whether the owner's signature alone meets the requirement (else co-signers must sign the update too). */
    static boolean ownerAlone(SignatureRequirement r, long owner) {
        long weight = r.requests().stream().filter(q -> q.twinId() == owner).mapToLong(SignatureRequest::weight).sum();
        boolean othersRequired = r.requests().stream().anyMatch(q -> q.twinId() != owner && q.required());
        return !othersRequired && weight >= r.weightRequired();
    }
}
