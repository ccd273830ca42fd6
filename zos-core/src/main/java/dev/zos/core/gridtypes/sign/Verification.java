package dev.zos.core.gridtypes.sign;

import dev.zos.core.ZosException;
import java.util.List;

/**
 * The outcome of checking a deployment's signatures: what is missing or wrong, by twin, and the
 * weight reached against the weight required.
 *
 * @param missingTwins required twins that have not signed
 * @param invalidTwins twins whose attached signature does not verify (or whose key is unknown)
 * @param problems     one phrase per problem, in the order found
 */
public record Verification(long weight, long weightRequired, List<Long> missingTwins, List<Long> invalidTwins,
                           List<String> problems) {

    public Verification {
        missingTwins = List.copyOf(missingTwins);
        invalidTwins = List.copyOf(invalidTwins);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** One line: every problem, separated by semicolons. */
    public String message() {
        return valid() ? "signatures valid: weight " + weight + " of " + weightRequired + " required"
                : "deployment signatures rejected: " + String.join("; ", problems);
    }

    /** Throws FORBIDDEN with {@link #message()} unless valid. */
    public Verification orThrow() {
        if (!valid()) {
            throw ZosException.forbidden(message());
        }
        return this;
    }
}
