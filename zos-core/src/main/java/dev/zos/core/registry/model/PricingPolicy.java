package dev.zos.core.registry.model;

/**
 * A pricing policy, as tfchain keeps them: prices per hour in mUSD (1/1000 USD) for a storage unit (su),
 * compute unit (cu), network unit (nu, per GB), public IP (ipu), unique name and domain name.
 * Policies are part of the grid's configuration, not created by transactions.
 */
public record PricingPolicy(long id, String name, long su, long cu, long nu, long ipu, long uniqueName,
                            long domainName) {
    /** The default policy every grid starts with (tfchain's genesis values). */
    public static final PricingPolicy DEFAULT =
            new PricingPolicy(1, "threefold_default_pricing_policy", 50_000, 100_000, 15_000, 40_000, 2_500, 5_000);

    public PricingPolicy {
        Checks.positive(id, "pricing policy id");
        Checks.text(name, "pricing policy name", 64);
    }
}
