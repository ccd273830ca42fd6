package dev.zos.cli.kit;

import dev.zos.core.ZosException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the {@link CommandLine} of an application, the same way for {@code main} and for tests:
 * one error line on stderr (stack trace only with {@code --verbose}), exit codes 0/1/2,
 * case-insensitive enum values, colour off under {@code NO_COLOR}.
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static CommandLine create(Class<?> rootCommand, CliContext context) {
        CommandLine cl;
        try {
            cl = new CommandLine(rootCommand, new ContextFactory(context));
        } catch (CommandLine.InitializationException e) {
            throw new IllegalStateException("command model of " + rootCommand.getName() + " is broken: " + e.getMessage(), e);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(CommandLines::handleExecutionException);
        cl.setParameterExceptionHandler(CommandLines::handleParameterException);
        if (context.noColor()) {
            cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        }
        return cl;
    }

    /** Runs the application and exits the JVM with its exit code. */
    public static void main(Class<?> rootCommand, String[] args) {
        var version = versionOnly(rootCommand, args);
        if (version.isPresent()) {
            for (String line : version.get()) {
                System.out.println(line);
            }
            System.out.flush();
            System.exit(ExitCode.OK);
        }
        int code = create(rootCommand, CliContext.system()).execute(args);
        System.exit(code);
    }

    /**
     * The version lines when {@code args} is just {@code --version} or {@code -V} and the root command's version comes
     * from {@link ManifestVersionProvider}; empty otherwise. They are the lines picocli prints, answered without
     * building the command tree: picocli reflects over every subcommand first, some 0.5 s of CPU per start
     * (bench/deploy/README.md), while the JVM itself is up in under 0.1 s.
     */
    public static java.util.Optional<String[]> versionOnly(Class<?> rootCommand, String[] args) {
        if (args.length != 1 || !("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return java.util.Optional.empty();
        }
        String name = null;
        Class<?> provider = null;
        for (Class<?> c = rootCommand; c != null && provider == null; c = c.getSuperclass()) {
            CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
            if (a == null) {
                continue;
            }
            if (name == null && !"<main class>".equals(a.name())) {
                name = a.name();
            }
            if (a.version().length > 0) {
                return java.util.Optional.empty(); // fixed version strings: picocli's own formatting applies
            }
            if (!"NoVersionProvider".equals(a.versionProvider().getSimpleName())) {
                provider = a.versionProvider();
            }
        }
        if (name == null || provider != ManifestVersionProvider.class) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ManifestVersionProvider.lines(name, rootCommand));
    }

    private static int handleParameterException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCode.USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().root().name();
        err.println(cl.getColorScheme().errorText(name + ": " + oneLine(e)));
        if (isVerbose(parseResult)) {
            var trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return ExitCode.FAILURE;
    }

    /** The user-facing line for a failure: our own messages as they are, anything else with its type. */
    static String oneLine(Throwable e) {
        String message;
        if (e instanceof ZosException) {
            message = e.getMessage();
        } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            message = "I/O error: " + describe(e instanceof java.io.UncheckedIOException u ? u.getCause() : e);
        } else {
            message = "internal error: " + describe(e) + " (run with --verbose for details)";
        }
        return message.replace('\n', ' ').strip();
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
