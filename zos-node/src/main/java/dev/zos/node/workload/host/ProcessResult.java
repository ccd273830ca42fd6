package dev.zos.node.workload.host;

/** How a host program ended and what it printed. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

    /** The last non-blank line of stderr (or stdout), for one-line error messages. */
    public String errorLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1].strip();
    }
}
