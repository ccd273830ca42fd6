package dev.zos.cli.kit;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that does work: the spec, the context and the command's own writers.
 * A command validates its input, builds a request, calls one service and renders the result in {@link #run()}.
 */
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected final CliContext context;

    protected BaseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Runs the command; returns its exit code or throws a {@link dev.zos.core.ZosException}. */
    protected abstract int run() throws Exception;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
