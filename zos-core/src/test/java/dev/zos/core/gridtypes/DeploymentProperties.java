package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.sign.TwinKeys;
import dev.zos.core.gridtypes.workload.ComputeCapacity;
import dev.zos.core.gridtypes.workload.MachineInterface;
import dev.zos.core.gridtypes.workload.MachineNetwork;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.gridtypes.workload.Zdb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DeploymentProperties {
    static final TwinKeys KEYS = TwinKeys.of(Map.of(42L, Samples.key(5).publicKey()));
    static final Deployment SIGNED = DeploymentSigner.sign(Samples.everyType(), 42, Samples.key(5));
    static final byte[] SIGNED_JSON = GridJson.toJson(SIGNED).getBytes(StandardCharsets.UTF_8);

    /** A change to any hashed field of the model: the signature no longer verifies. */
    @Property(tries = 300)
    void anyHashedFieldChangeFailsVerification(@ForAll("changes") UnaryOperator<Deployment> change) {
        Deployment changed = change.apply(SIGNED);
        assertThat(changed.challengeHashHex()).isNotEqualTo(SIGNED.challengeHashHex());
        assertThat(SignatureVerifier.verify(changed, KEYS).valid()).isFalse();
    }

    /** Flipping any bit of the wire JSON either is refused with a ZosException, or fails verification, or did not touch a hashed field. */
    @Property(tries = 120)
    void anyBitFlipOfTheJsonIsCaught(@ForAll @IntRange(min = 0, max = 1 << 20) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] flipped = SIGNED_JSON.clone();
        int at = where % flipped.length;
        flipped[at] ^= (byte) (1 << bit);
        Deployment read;
        try {
            read = DeploymentReader.read(new String(flipped, StandardCharsets.UTF_8), DeploymentReader.Format.JSON, "flipped");
        } catch (ZosException refused) {
            return;
        }
        if (SignatureVerifier.verify(read, KEYS).valid()) {
            assertThat(read.challengeHashHex()).isEqualTo(SIGNED.challengeHashHex());
        }
    }

    @Property(tries = 120)
    void anyBitFlipOfTheSignatureFailsVerification(@ForAll @IntRange(min = 0, max = 511) int bit) {
        var sig = SIGNED.signatureRequirement().signatures().getFirst();
        byte[] raw = HexFormat.of().parseHex(sig.signature());
        raw[bit / 8] ^= (byte) (1 << (bit % 8));
        var tampered = SIGNED.withSignatureRequirement(SIGNED.signatureRequirement()
                .withSignature(new Signature(42, HexFormat.of().formatHex(raw), Signature.ED25519)));
        assertThat(SignatureVerifier.verify(tampered, KEYS).valid()).isFalse();
    }

    @Property(tries = 40)
    void jsonAndYamlRoundTripsKeepTheHash(@ForAll("deployments") Deployment d) {
        var json = GridJson.fromJson(GridJson.toJson(d));
        assertThat(json).isEqualTo(d);
        assertThat(json.challengeHashHex()).isEqualTo(d.challengeHashHex());
        var yaml = DeploymentReader.parse(GridJson.toYaml(d), DeploymentReader.Format.YAML, "p.yaml");
        assertThat(yaml.challengeHashHex()).isEqualTo(d.challengeHashHex());
    }

    /** Cutting our YAML anywhere, or flipping a bit in it, never escapes as anything but a ZosException. */
    @Property(tries = 80)
    void brokenYamlOnlyThrowsZosException(@ForAll @IntRange(min = 0, max = 1 << 20) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] yaml = GridJson.toYaml(SIGNED).getBytes(StandardCharsets.UTF_8);
        int at = where % yaml.length;
        yaml[at] ^= (byte) (1 << bit);
        for (String text : List.of(new String(yaml, StandardCharsets.UTF_8), new String(yaml, 0, at, StandardCharsets.UTF_8))) {
            try {
                DeploymentReader.read(text, DeploymentReader.Format.YAML, "p.yaml");
            } catch (ZosException expected) {
                assertThat(expected.getMessage()).startsWith("p.yaml").doesNotContain("\n");
            }
        }
    }

    @Property(tries = 300)
    void byteSizesParseBack(@ForAll @IntRange(min = 0, max = 1 << 20) int n, @ForAll("units") String unit) {
        long bytes = ByteSize.parse(n + unit);
        assertThat(ByteSize.parse(Long.toString(bytes))).isEqualTo(bytes);
        assertThat(ByteSize.parse(ByteSize.format(bytes).replace(" B", ""))).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "B", "kB", "KB", "MB", "GB", "KiB", "MiB", "GiB", " GiB");
    }

    @Provide
    Arbitrary<UnaryOperator<Deployment>> changes() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(8);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, SIGNED.workloads().size() - 1);
        Arbitrary<Long> delta = Arbitraries.longs().between(1, 1000);
        return Arbitraries.oneOf(
                delta.map(x -> d -> new Deployment(d.version() + x, d.twinId(), d.contractId(), d.metadata(),
                        d.description(), d.expiration(), d.signatureRequirement(), d.workloads())),
                text.map(t -> d -> d.withMetadata(d.metadata() + t)),
                text.map(t -> d -> d.withDescription(t + d.description())),
                delta.map(x -> d -> new Deployment(d.version(), d.twinId(), d.contractId(), d.metadata(),
                        d.description(), d.expiration() - x, d.signatureRequirement(), d.workloads())),
                Combinators.combine(index, text).as((i, t) -> d -> edit(d, i, w -> w.withDescription(w.description() + t))),
                Combinators.combine(index, text).as((i, t) -> d -> edit(d, i, w -> w.withMetadata(t + w.metadata()))),
                Combinators.combine(index, delta).as((i, x) -> d -> edit(d, i, w -> w.withVersion(w.version() + x))),
                // renaming a workload is NOT a hashed change: ThreeFold's Go node leaves names out of the challenge
                delta.map(x -> d -> edit(d, 1, w -> Workload.of(w.name(), new ZMount(((ZMount) w.data()).size() + x)))),
                delta.map(x -> d -> d.withSignatureRequirement(new SignatureRequirement(d.signatureRequirement().requests(),
                        d.signatureRequirement().weightRequired() + x, d.signatureRequirement().signatures(), ""))),
                Arbitraries.just(d -> d.withSignatureRequirement(new SignatureRequirement(d.signatureRequirement().requests(),
                        d.signatureRequirement().weightRequired(), d.signatureRequirement().signatures(),
                        SignatureRequirement.STYLE_POLKA_WALLET))));
    }

    private static Deployment edit(Deployment d, int i, UnaryOperator<Workload> f) {
        var list = new ArrayList<>(d.workloads());
        list.set(i, f.apply(list.get(i)));
        return d.withWorkloads(list);
    }

    @Provide
    Arbitrary<Deployment> deployments() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_').ofMinLength(1).ofMaxLength(36);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<WorkloadData> data = Arbitraries.oneOf(
                Arbitraries.longs().between(1, Long.MAX_VALUE / 2).map(ZMount::new),
                Combinators.combine(Arbitraries.longs().between(1, 1L << 50), Arbitraries.of("user", "seq"), any,
                        Arbitraries.of(true, false)).as(Zdb::new),
                Combinators.combine(any, Arbitraries.maps(any, any).ofMaxSize(4), Arbitraries.integers().between(1, 255),
                        Arbitraries.integers().between(0, 255)).as((flist, env, cpu, host) -> new ZMachine(flist,
                        new MachineNetwork("", cpu % 2 == 0, null, List.of(new MachineInterface("n", IpAddress.parse("10.0.0." + host)))),
                        0, new ComputeCapacity(cpu, ByteSize.GIB), List.of(), "", env, false, List.of())));
        Arbitrary<Workload> workload = Combinators.combine(names, data, any, any)
                .as((n, d, m, desc) -> Workload.of(n, d).withMetadata(m).withDescription(desc));
        return Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL), any, any,
                        workload.list().ofMaxSize(5).uniqueElements(Workload::name), Arbitraries.longs())
                .as((twin, meta, desc, wls, exp) -> new Deployment(0, twin, 0, meta, desc, exp,
                        SignatureRequirement.owner(twin), wls));
    }
}
