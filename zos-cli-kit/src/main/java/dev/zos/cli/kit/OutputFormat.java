package dev.zos.cli.kit;

/** How data output is written: {@code -o json|yaml|table}. */
public enum OutputFormat {
    TABLE, JSON, YAML
}
