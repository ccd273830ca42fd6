package dev.zos.core.gridtypes;

import java.util.Set;
import java.util.regex.Pattern;

/** Workload names, as zos {@code IsValidName} checks them. */
public final class Names {
    /** cloud-hypervisor's virtio-fs tag limit, which zos uses names for. */
    public static final int MAX_LENGTH = 36;
    public static final Set<String> RESERVED = Set.of("ygg");
    private static final Pattern FORM = Pattern.compile("^[a-zA-Z0-9_]+$");

    private Names() {
    }

    public static void check(String name, FieldPath path) {
        path.require(name != null && !name.isEmpty(), "name cannot be empty");
        path.require(name.length() <= MAX_LENGTH,
                "name '" + name + "' is " + name.length() + " characters, at most " + MAX_LENGTH + " allowed");
        path.require(FORM.matcher(name).matches(),
                "name '" + name + "' may only contain letters, digits and '_'");
        path.require(!RESERVED.contains(name), "name '" + name + "' is reserved");
    }
}
