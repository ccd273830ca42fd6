package dev.zos.core.gridtypes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.zos.core.ZosException;
import java.io.IOException;

/**
 * Reads a size field. JSON (the wire) takes integer bytes only, as Go does; our YAML also takes
 * strings such as {@code 2GiB} (see {@link ByteSize}), enabled by the reader through
 * {@link #HUMAN_SIZES}.
 */
public final class SizeDeserializer extends StdDeserializer<Long> {
    /** Context attribute: when {@code Boolean.TRUE}, strings with units are accepted. */
    public static final String HUMAN_SIZES = "zos.humanSizes";

    public SizeDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING && Boolean.TRUE.equals(ctxt.getAttribute(HUMAN_SIZES))) {
            try {
                return ByteSize.parse(p.getText());
            } catch (ZosException e) {
                throw InvalidFormatException.from(p, e.getMessage(), p.getText(), Long.class);
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0L;
        }
        throw MismatchedInputException.from(p, Long.class, "a size must be an integer number of bytes"
                + (token == JsonToken.VALUE_STRING ? " in JSON, got '" + p.getText() + "'" : ""));
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
        return 0L;
    }
}
