package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.sign.SignatureVerifier;
import dev.zos.core.gridtypes.sign.TwinKeys;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.identity.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningTest {
    static final TwinKeys KEYS = TwinKeys.of(Map.of(
            1L, Samples.key(1).publicKey(), 2L, Samples.key(2).publicKey(), 3L, Samples.key(3).publicKey()));

    private static Deployment shared(long weightRequired, SignatureRequest... requests) {
        return Deployment.create(1, List.of(Workload.of("d1", new ZMount(ByteSize.GIB))))
                .withSignatureRequirement(new SignatureRequirement(List.of(requests), weightRequired, List.of(), ""));
    }

    @Test
    void signsTheRawDigestWithEd25519StoredHex() {
        var d = Deployment.create(1, List.of(Workload.of("d1", new ZMount(ByteSize.GIB))));
        var signed = DeploymentSigner.sign(d, 1, Samples.key(1));
        var sig = signed.signatureRequirement().signatures().getFirst();
        assertThat(sig.twinId()).isEqualTo(1);
        assertThat(sig.signatureType()).isEqualTo("ed25519");
        assertThat(sig.signature()).matches("[0-9a-f]{128}");
        assertThat(Ed25519.verify(Samples.key(1).publicKey(), d.challengeHash(), HexFormat.of().parseHex(sig.signature()))).isTrue();
        assertThat(SignatureVerifier.verify(signed, KEYS).valid()).isTrue();
    }

    @Test
    void signingAgainReplacesTheSameTwinsSignature() {
        var d = shared(2, new SignatureRequest(1, true, 1), new SignatureRequest(2, true, 1));
        var once = DeploymentSigner.sign(DeploymentSigner.sign(d, 1, Samples.key(9)), 2, Samples.key(2));
        var twice = DeploymentSigner.sign(once, 1, Samples.key(1));
        assertThat(twice.signatureRequirement().signatures()).extracting(Signature::twinId).containsExactly(1L, 2L);
        assertThat(SignatureVerifier.verify(once, KEYS).invalidTwins()).containsExactly(1L);
        assertThat(SignatureVerifier.verify(twice, KEYS).valid()).isTrue();
    }

    @Test
    void oneOfTwoRequiredSignaturesIsRefusedNamingTheMissingTwin() {
        var d = shared(2, new SignatureRequest(1, true, 1), new SignatureRequest(2, true, 1));
        var onlyOwner = DeploymentSigner.sign(d, 1, Samples.key(1));
        var v = SignatureVerifier.verify(onlyOwner, KEYS);
        assertThat(v.valid()).isFalse();
        assertThat(v.missingTwins()).containsExactly(2L);
        assertThat(v.weight()).isEqualTo(1);
        assertThat(v.message()).contains("missing required signature of twin 2").contains("1 more needed");
        assertThatThrownBy(v::orThrow).isInstanceOf(ZosException.class)
                .hasMessageContaining("twin 2")
                .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.FORBIDDEN);

        var both = DeploymentSigner.sign(onlyOwner, 2, Samples.key(2));
        assertThat(SignatureVerifier.verify(both, KEYS).orThrow().weight()).isEqualTo(2);
    }

    @Test
    void ownerIsForcedRequiredAndMustBeRequested() {
        var ownerOptional = shared(1, new SignatureRequest(1, false, 1), new SignatureRequest(2, false, 1));
        var v = SignatureVerifier.verify(DeploymentSigner.sign(ownerOptional, 2, Samples.key(2)), KEYS);
        assertThat(v.missingTwins()).containsExactly(1L);
        assertThat(v.message()).contains("twin 1 (the owner)");

        var ownerAbsent = shared(1, new SignatureRequest(2, true, 1));
        var v2 = SignatureVerifier.verify(DeploymentSigner.sign(ownerAbsent, 2, Samples.key(2)), KEYS);
        assertThat(v2.valid()).isFalse();
        assertThat(v2.message()).contains("owner twin 1 must be among the signature requests");
    }

    @Test
    void weightsDecideAmongOptionalSigners() {
        // owner (weight 1) plus either twin 2 (weight 1) or twin 3 (weight 2); 3 needed
        var d = shared(3, new SignatureRequest(1, true, 1), new SignatureRequest(2, false, 1), new SignatureRequest(3, false, 2));
        var ownerAnd2 = DeploymentSigner.sign(DeploymentSigner.sign(d, 1, Samples.key(1)), 2, Samples.key(2));
        var v = SignatureVerifier.verify(ownerAnd2, KEYS);
        assertThat(v.valid()).isFalse();
        assertThat(v.weight()).isEqualTo(2);
        assertThat(v.message()).contains("signature weight 2 is below the required 3 (1 more needed)");
        var ownerAnd3 = DeploymentSigner.sign(DeploymentSigner.sign(d, 1, Samples.key(1)), 3, Samples.key(3));
        assertThat(SignatureVerifier.verify(ownerAnd3, KEYS).orThrow().weight()).isEqualTo(3);
    }

    @Test
    void invalidOrUnverifiableSignaturesAreNamed() {
        var d = shared(1, new SignatureRequest(1, true, 1), new SignatureRequest(4, false, 1));
        var signed = DeploymentSigner.sign(DeploymentSigner.sign(d, 1, Samples.key(1)), 4, Samples.key(4));
        var v = SignatureVerifier.verify(signed, KEYS);
        assertThat(v.invalidTwins()).containsExactly(4L);
        assertThat(v.message()).contains("no public key known for twin 4");

        var sr = signed.withSignatureRequirement(signed.signatureRequirement()
                .withSignature(new Signature(4, "00", Signature.SR25519)));
        assertThat(SignatureVerifier.verify(sr, KEYS).message()).contains("twin 4 is sr25519");

        var garbage = signed.withSignatureRequirement(signed.signatureRequirement()
                .withSignature(new Signature(1, "zz", Signature.ED25519)));
        assertThat(SignatureVerifier.verify(garbage, KEYS).message()).contains("signature of twin 1 is not hex");
    }

    @Test
    void polkaWalletSignsTheTaggedHexText() {
        var d = shared(1, new SignatureRequest(1, true, 1));
        var polka = d.withSignatureRequirement(new SignatureRequirement(d.signatureRequirement().requests(), 1,
                List.of(), SignatureRequirement.STYLE_POLKA_WALLET));
        var signed = DeploymentSigner.sign(polka, 1, Samples.key(1));
        byte[] sig = HexFormat.of().parseHex(signed.signatureRequirement().signatures().getFirst().signature());
        byte[] text = ("<Bytes>" + polka.challengeHashHex() + "</Bytes>").getBytes(StandardCharsets.US_ASCII);
        assertThat(Ed25519.verify(Samples.key(1).publicKey(), text, sig)).isTrue();
        assertThat(Ed25519.verify(Samples.key(1).publicKey(), polka.challengeHash(), sig)).isFalse();
        assertThat(SignatureVerifier.verify(signed, KEYS).valid()).isTrue();

        // a default-style signature does not pass as polka-wallet
        var wrongStyle = polka.withSignatureRequirement(polka.signatureRequirement().withSignature(
                DeploymentSigner.sign(d, 1, Samples.key(1)).signatureRequirement().signatures().getFirst()));
        assertThat(SignatureVerifier.verify(wrongStyle, KEYS).invalidTwins()).containsExactly(1L);
    }

    @Test
    void anyChangeAfterSigningBreaksTheSignature() {
        var signed = DeploymentSigner.sign(Samples.everyType(), 42, Samples.key(5));
        var keys = TwinKeys.of(Map.of(42L, Samples.key(5).publicKey()));
        assertThat(SignatureVerifier.verify(signed, keys).valid()).isTrue();
        assertThat(SignatureVerifier.verify(signed.withDescription("changed"), keys).message())
                .contains("signature of twin 42 does not verify");
    }
}
