package dev.zos.core.gridtypes.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.zos.core.ZosException;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns Jackson's errors into one line: {@code source:line:column: field.path: problem}. */
final class JsonErrors {
    private JsonErrors() {
    }

    static ZosException invalid(String source, JsonProcessingException e) {
        var sb = new StringBuilder(source);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            sb.append(':').append(loc.getLineNr()).append(':').append(loc.getColumnNr());
        }
        sb.append(": ");
        if (e instanceof JsonMappingException m) {
            String path = path(m);
            if (!path.isEmpty()) {
                sb.append(path).append(": ");
            }
        }
        sb.append(problem(e));
        return new ZosException(ZosException.Kind.INVALID, sb.toString(), e);
    }

    static String path(JsonMappingException m) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            var known = u.getKnownPropertyIds() == null ? new TreeSet<String>()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
            return "unknown key '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : "; known keys: " + String.join(", ", known));
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed here";
        }
        // a creator or compact constructor refused the value: its own message is the clearest
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof ZosException || t instanceof NullPointerException) {
                return t.getMessage();
            }
        }
        String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        msg = msg.lines().findFirst().orElse(msg);
        int cut = msg.indexOf(" (for Object starting at");
        return (cut > 0 ? msg.substring(0, cut) : msg).replaceAll("`(?:[a-z]+\\.)+([A-Za-z]+)`", "$1");
    }
}
