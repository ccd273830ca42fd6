package dev.zos.cli.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code -o json|yaml|table} for every command whose output is data. */
public final class OutputMixin {
    /**
     * Made on first use, not when picocli builds the command tree: every command with {@code -o} is instantiated
     * at start-up, and two mappers cost a good part of a {@code zos --version} (bench/deploy).
     */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    /**
     * Writes {@code data} as JSON or YAML (its Jackson form), or the table for people.
     * The table is built only when it is shown.
     */
    public void print(PrintWriter out, Object data, Supplier<Table> table) {
        try {
            switch (format) {
                case JSON -> out.println(Mappers.JSON.writeValueAsString(data));
                case YAML -> out.print(Mappers.YAML.writeValueAsString(data));
                case TABLE -> table.get().print(out);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render output: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
