package dev.zos.core.gridtypes.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.zos.core.gridtypes.Result;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.WorkloadData;
import dev.zos.core.gridtypes.workload.WorkloadTypes;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a workload, choosing the class of {@code data} from {@code type} through
 * {@link WorkloadTypes}. When {@code type} comes first (as every client writes it) data is read
 * straight from the stream so errors keep their line and column; otherwise it is buffered.
 */
final class WorkloadDeserializer extends StdDeserializer<Workload> {
    private static final List<String> FIELDS = List.of("version", "name", "type", "data", "metadata", "description", "result");

    WorkloadDeserializer() {
        super(Workload.class);
    }

    @Override
    public Workload deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return (Workload) ctxt.handleUnexpectedToken(Workload.class, p);
        }
        boolean anyCase = ctxt.isEnabled(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES);
        long version = 0;
        String name = "";
        String type = null;
        String metadata = "";
        String description = "";
        Result result = Result.EMPTY;
        WorkloadData data = null;
        TokenBuffer early = null;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            String key = anyCase ? field.toLowerCase(Locale.ROOT) : field;
            if (!FIELDS.contains(key)) {
                if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
                    throw UnknownKeys.exception(p, Workload.class, field, FIELDS);
                }
                p.skipChildren();
                continue;
            }
            try {
                switch (key) {
                    case "version" -> version = ctxt.readValue(p, Long.class);
                    case "name" -> name = ctxt.readValue(p, String.class);
                    case "type" -> {
                        type = ctxt.readValue(p, String.class);
                        if (type == null || WorkloadTypes.find(type).isEmpty()) {
                            throw JsonMappingException.from(p, WorkloadTypes.unknownMessage(type));
                        }
                    }
                    case "data" -> {
                        if (type != null) {
                            data = readData(p, ctxt, type);
                        } else {
                            early = ctxt.bufferAsCopyOfValue(p);
                        }
                    }
                    case "metadata" -> metadata = ctxt.readValue(p, String.class);
                    case "description" -> description = ctxt.readValue(p, String.class);
                    default -> result = ctxt.readValue(p, Result.class);
                }
            } catch (DatabindException e) {
                throw JsonMappingException.wrapWithPath(e, Workload.class, key);
            }
        }
        if (type == null) {
            throw JsonMappingException.wrapWithPath(JsonMappingException.from(p, "missing; "
                    + "known types: " + String.join(", ", WorkloadTypes.names())), Workload.class, "type");
        }
        if (data == null && early != null) {
            try (JsonParser buffered = early.asParser(p.getCodec())) {
                buffered.nextToken();
                data = readData(buffered, ctxt, type);
            } catch (DatabindException e) {
                throw JsonMappingException.wrapWithPath(e, Workload.class, "data");
            }
        }
        if (data == null) {
            throw JsonMappingException.wrapWithPath(JsonMappingException.from(p, "missing"), Workload.class, "data");
        }
        return new Workload(version, name, type, data, metadata, description, result);
    }

    /** JSON null data is Go's zero value of the type, as json.Unmarshal leaves a struct untouched. */
    private static WorkloadData readData(JsonParser p, DeserializationContext ctxt, String type) throws IOException {
        var cls = WorkloadTypes.dataClass(type);
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return ctxt.readTreeAsValue(ctxt.getNodeFactory().objectNode(), cls);
        }
        return ctxt.readValue(p, cls);
    }
}
