package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A farm: a named group of nodes owned by a twin, with its pricing policy and public IPv4 addresses. */
public record Farm(long id, String name, long twinId, long pricingPolicyId, List<PublicIp> publicIps) {
    /** tfchain: 3..40 characters of letters, digits, '-' and '_'. */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{3,40}$");
    /** tfchain's MaxFarmPublicIps. */
    public static final int MAX_PUBLIC_IPS = 512;

    public Farm {
        Checks.positive(id, "farm id");
        checkName(name);
        Checks.positive(twinId, "farm twin_id");
        Checks.positive(pricingPolicyId, "farm pricing_policy_id");
        publicIps = List.copyOf(Checks.required(publicIps, "farm public_ips"));
        if (publicIps.size() > MAX_PUBLIC_IPS) {
            throw ZosException.invalid("a farm has at most " + MAX_PUBLIC_IPS + " public ips");
        }
    }

    public static String checkName(String name) {
        Checks.required(name, "farm name");
        if (!NAME.matcher(name).matches()) {
            throw ZosException.invalid("farm name must be 3 to 40 letters, digits, '-' or '_', got '" + name + "'");
        }
        return name;
    }

    public long freeIps() {
        return publicIps.stream().filter(PublicIp::free).count();
    }

    public Farm withName(String n, long policy) {
        return new Farm(id, n, twinId, policy, publicIps);
    }

    public Farm withIps(List<PublicIp> ips) {
        return new Farm(id, name, twinId, pricingPolicyId, ips);
    }

    /** This farm with {@code count} free ips assigned to {@code contractId} (the caller checked there are enough). */
    public Farm reserveIps(long contractId, int count) {
        var out = new ArrayList<PublicIp>(publicIps.size());
        int left = count;
        for (var ip : publicIps) {
            if (left > 0 && ip.free()) {
                out.add(ip.withContract(contractId));
                left--;
            } else {
                out.add(ip);
            }
        }
        return withIps(out);
    }

    public Farm releaseIps(long contractId) {
        return withIps(publicIps.stream().map(ip -> ip.contractId() == contractId ? ip.withContract(0) : ip).toList());
    }
}
