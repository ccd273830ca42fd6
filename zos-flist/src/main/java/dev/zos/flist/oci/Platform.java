package dev.zos.flist.oci;

import dev.zos.core.ZosException;

/** An image platform {@code os/architecture[/variant]}, e.g. {@code linux/amd64}, {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, String variant) {

    public static final Platform DEFAULT = new Platform("linux", "amd64", "");

    public Platform {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
    }

    /** Parses {@code os/arch[/variant]}. */
    public static Platform parse(String text) {
        String[] p = text.split("/", -1);
        if (p.length < 2 || p.length > 3 || p[0].isBlank() || p[1].isBlank() || (p.length == 3 && p[2].isBlank())) {
            throw ZosException.invalid("bad platform '" + text + "': expected os/arch[/variant], e.g. linux/amd64");
        }
        return new Platform(p[0], p[1], p.length == 3 ? p[2] : "");
    }

    /** Whether an image of platform {@code actual} satisfies this wanted platform (variant only when asked). */
    public boolean accepts(Platform actual) {
        return os.equals(actual.os) && architecture.equals(actual.architecture)
                && (variant.isEmpty() || variant.equals(actual.variant));
    }

    @Override
    public String toString() {
        if (os.isEmpty() && architecture.isEmpty()) {
            return "unknown";
        }
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
