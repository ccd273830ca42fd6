package dev.zos.cli.identity;

import dev.zos.cli.kit.Table;
import dev.zos.core.identity.Identity;
import java.util.List;

/** How identities look in tables; JSON and YAML show the {@link Identity} record itself, which holds no secret. */
final class IdentityViews {
    private IdentityViews() {
    }

    static Table one(Identity id, boolean current) {
        return Table.ofFields(List.of("name", "public key", "ss58 address", "source", "created", "current"),
                List.of(id.name(), id.publicKey(), id.ss58(), id.source().label(), id.created(), current ? "yes" : "no"));
    }

    static Table many(List<Identity> ids, String current) {
        return new Table(List.of("", "NAME", "SS58 ADDRESS", "SOURCE", "CREATED"),
                ids.stream().map(id -> List.of(id.name().equals(current) ? "*" : "", id.name(), id.ss58(),
                        id.source().label(), id.created().toString())).toList());
    }
}
