package dev.zos.cli.kit;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it is a usage error that lists them. */
public abstract class GroupCommand implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand; choose one of: " + String.join(", ", spec.subcommands().keySet()));
    }
}
