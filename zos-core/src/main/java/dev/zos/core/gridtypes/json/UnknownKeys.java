package dev.zos.core.gridtypes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Collection;

/** Builds Jackson's unknown-key error for our own deserializers, so every unknown key reports alike. */
final class UnknownKeys {
    private UnknownKeys() {
    }

    static UnrecognizedPropertyException exception(JsonParser p, Class<?> type, String key, Collection<String> known) {
        return UnrecognizedPropertyException.from(p, type, key, new ArrayList<Object>(known));
    }
}
