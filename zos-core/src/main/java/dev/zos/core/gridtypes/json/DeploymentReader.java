package dev.zos.core.gridtypes.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SizeDeserializer;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a deployment from a file of gridtypes JSON or our YAML and checks every rule. Errors are one
 * line naming the file, the line and column when known, and the field.
 */
public final class DeploymentReader {
    /** Deployments are small; this only stops a wrong file from being read whole into memory. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    public enum Format {
        JSON, YAML;

        /** By extension ({@code .json}, {@code .yaml}, {@code .yml}); otherwise JSON when the text starts with '{'. */
        public static Format detect(Path file, String text) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            return text.stripLeading().startsWith("{") ? JSON : YAML;
        }
    }

    private DeploymentReader() {
    }

    /** Parses and validates {@code file}. */
    public static Deployment read(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw ZosException.invalid(source + ": larger than " + MAX_BYTES + " bytes, not a deployment");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ZosException.notFound(source + ": no such file");
        } catch (CharacterCodingException e) {
            throw ZosException.invalid(source + ": not UTF-8 text");
        } catch (IOException e) {
            throw ZosException.unavailable(source + ": cannot read: " + e.getMessage(), e);
        }
        return read(text, Format.detect(file, text), source);
    }

    /** Parses and validates {@code text}; {@code source} names it in errors. */
    public static Deployment read(String text, Format format, String source) {
        Deployment d = parse(text, format, source);
        try {
            return d.validate();
        } catch (ZosException e) {
            throw new ZosException(e.kind(), source + ": " + e.getMessage(), e);
        }
    }

    /** Parses without checking the rules. */
    public static Deployment parse(String text, Format format, String source) {
        try {
            var reader = format == Format.JSON
                    ? GridJson.json().readerFor(Deployment.class)
                    : GridJson.yaml().readerFor(Deployment.class).withAttribute(SizeDeserializer.HUMAN_SIZES, Boolean.TRUE);
            Deployment d = reader.readValue(text);
            if (d == null) {
                throw ZosException.invalid(source + ": empty, expected a deployment");
            }
            return d;
        } catch (JsonProcessingException e) {
            throw JsonErrors.invalid(source, e);
        }
    }
}
