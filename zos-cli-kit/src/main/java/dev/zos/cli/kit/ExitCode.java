package dev.zos.cli.kit;

/** The exit codes every CLI of this project uses. */
public final class ExitCode {
    public static final int OK = 0;
    /** The command ran and failed (bad input file, unreachable grid, refused request, ...). */
    public static final int FAILURE = 1;
    /** The command line itself was wrong (unknown option, missing parameter, bad value). */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
