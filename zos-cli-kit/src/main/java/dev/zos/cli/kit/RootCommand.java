package dev.zos.cli.kit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command of an application: options every subcommand inherits and the documented exit codes. */
@Command(mixinStandardHelpOptions = true, versionProvider = ManifestVersionProvider.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failure (the error line on stderr says why)", "2:usage error (unknown option, missing or bad parameter)"})
public abstract class RootCommand extends GroupCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show details of failures, including stack traces.")
    protected boolean verbose;
}
