package dev.zos.core.gridtypes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a zos {@code Timestamp}: unix seconds, or (as Go's decoder also accepts) an RFC 3339 date,
 * which becomes unix seconds. Always written as seconds.
 */
public final class TimestampDeserializer extends StdDeserializer<Long> {

    public TimestampDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return OffsetDateTime.parse(p.getText()).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "unknown timestamp format '" + p.getText()
                        + "', expecting unix seconds or an RFC 3339 date", p.getText(), Long.class);
            }
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0L;
        }
        throw MismatchedInputException.from(p, Long.class, "expecting unix seconds or an RFC 3339 date");
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
        return 0L;
    }
}
