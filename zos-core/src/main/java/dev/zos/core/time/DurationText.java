package dev.zos.core.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar every command and config file of the project accepts for a duration: a bare number of
 * seconds ({@code 90}), one or more number-unit pairs with units {@code ms s m h d} ({@code 500ms},
 * {@code 40m}, {@code 1h30m}), or ISO-8601 ({@code PT40M}). Negative durations are refused.
 */
public final class DurationText {
    /** What an error message should show as the accepted forms. */
    public static final String FORMS = "a duration like 90s, 5m, 1h30m or 500ms";

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,12}(?:ms|s|m|h|d))+");

    private DurationText() {
    }

    /** The duration {@code text} names; {@link IllegalArgumentException} naming {@link #FORMS} otherwise. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,12}")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            if (t.startsWith("p")) {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } else if (WHOLE.matcher(t).matches()) {
                Duration d = Duration.ZERO;
                Matcher m = PART.matcher(t);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    d = d.plus(switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
                }
                return d;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // the one message below
        }
        throw new IllegalArgumentException("'" + text + "' is not " + FORMS);
    }
}
