package dev.zos.core.gridtypes.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;

/**
 * The one place Jackson is configured for gridtypes.
 * <ul>
 * <li>{@link #json()} reads the wire as Go's {@code encoding/json} does: keys match case-insensitively
 * and unknown keys are ignored (ThreeFold's node accepts both), but no scalar coercion ("10" is not 10)
 * and sizes are integer bytes.</li>
 * <li>{@link #yaml()} reads our human files strictly: exact keys, unknown keys rejected; sizes may
 * carry units (enabled per read by {@link DeploymentReader}).</li>
 * </ul>
 * Both write the same field names; JSON we write parses back to an equal model with the same hash.
 */
public final class GridJson {
    private static final ObjectMapper JSON = configure(JsonMapper.builder())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private GridJson() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        var module = new SimpleModule("gridtypes");
        module.addDeserializer(Workload.class, new WorkloadDeserializer());
        return builder.addModule(module)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // a null inside a list or map is refused where it is, so the error names its path
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }

    /** The wire mapper; shared and thread-safe, do not reconfigure. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** The human-file mapper; shared and thread-safe, do not reconfigure. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Compact wire JSON. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ZosException(ZosException.Kind.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String toPrettyJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ZosException(ZosException.Kind.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ZosException(ZosException.Kind.INTERNAL, "cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses wire JSON without checking the rules (use {@link Deployment#validate()} or {@link DeploymentReader}). */
    public static Deployment fromJson(String json) {
        return DeploymentReader.parse(json, DeploymentReader.Format.JSON, "deployment JSON");
    }
}
