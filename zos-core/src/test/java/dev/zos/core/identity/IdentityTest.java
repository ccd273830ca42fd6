package dev.zos.core.identity;

import dev.zos.core.ZosException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityTest {
    // polkadot-js/common util-crypto address/encode.spec.ts (Alice's sr25519 key; any 32-byte key will do here).
    private static final String KEY = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
    private static final String ADDRESS = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void rendersTheKeyForOtherNetworks() {
        var identity = new Identity("alice", KEY, ADDRESS, SourceKind.SEED, CREATED);
        assertThat(identity.ss58(0)).isEqualTo("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
        assertThat(identity.toString()).contains("alice", KEY, ADDRESS, "SEED");
    }

    @Test
    void valuesAreValidated() {
        assertThatThrownBy(() -> new Identity("alice", KEY.toUpperCase(), ADDRESS, SourceKind.SEED, CREATED))
                .isInstanceOf(ZosException.class).hasMessageContaining("publicKey must be 64 lowercase hex digits");
        assertThatThrownBy(() -> new Identity("alice", "00" + KEY.substring(2), ADDRESS, SourceKind.SEED, CREATED))
                .hasMessageContaining("ss58 address does not match its publicKey");
        assertThatThrownBy(() -> new Identity("alice", KEY, ADDRESS, null, CREATED)).hasMessageContaining("source");
        assertThatThrownBy(() -> new Identity("alice", KEY, ADDRESS, SourceKind.SEED, null)).hasMessageContaining("created");
        assertThatThrownBy(() -> new Identity(null, KEY, ADDRESS, SourceKind.SEED, CREATED))
                .hasMessageContaining("identity name is missing");
    }

    @Test
    void sourceLabelsRoundTrip() {
        for (SourceKind kind : SourceKind.values()) {
            assertThat(SourceKind.fromLabel(kind.label())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> SourceKind.fromLabel("ledger")).hasMessage("source \"ledger\" is unknown; use mnemonic or seed");
    }

    @Test
    void twinKeyHelpersSignAndRender() {
        var key = TwinKey.fromSecret("0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
        byte[] message = "deploy".getBytes();
        assertThat(key.verify(message, key.sign(message))).isTrue();
        assertThat(Ss58.decode(key.ss58Address(7)).prefix()).isEqualTo(7);
        assertThat(Ss58.decode(key.ss58Address()).publicKeyHex()).isEqualTo(key.publicKeyHex());
    }
}
