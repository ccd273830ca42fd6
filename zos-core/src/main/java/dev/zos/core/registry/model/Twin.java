package dev.zos.core.registry.model;

/**
 * A twin: the identity of a person or a node. {@code publicKey} is its ed25519 key (hex), which signs its
 * transactions; {@code pk} an optional secp256k1 key (hex) used by RMB encryption; {@code relay} its relay URL.
 */
public record Twin(long id, String publicKey, String pk, String relay) {
    public Twin {
        Checks.positive(id, "twin id");
        Checks.hex(publicKey, "twin public_key", 32);
        if (pk != null) {
            Checks.hex(pk, "twin pk", -1);
            if (pk.length() != 66 && pk.length() != 130) {
                throw dev.zos.core.ZosException.invalid("twin pk must be a secp256k1 public key (33 or 65 bytes hex)");
            }
        }
        if (relay != null) {
            Checks.text(relay, "twin relay", 256);
        }
    }
}
