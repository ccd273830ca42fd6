package dev.zos.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * An external service (PostgreSQL, Redis) that integration tests use, found through an environment variable
 * that scripts/test sets after starting it. Missing under CI it is a failure, never a silent skip.
 */
public final class ExternalService {
    private ExternalService() {
    }

    /** The URL in {@code variable}; fails under {@code CI=true} when absent, skips the test otherwise. */
    public static String url(String variable, String what) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String message = what + " is not available: set " + variable + " (scripts/test starts it and sets it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return url;
    }

    /**
     * Goes on when {@code available} (root, a host tool such as runc); otherwise fails under {@code CI=true} and
     * skips the test elsewhere, with {@code what} saying what is missing and how to get it.
     */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what);
        }
        Assumptions.abort(what);
    }
}
