package dev.zos.cli.kit;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the application's name and the version written into its jar's manifest at build. */
public final class ManifestVersionProvider implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return lines(spec.qualifiedName(), spec.userObject().getClass());
    }

    /** The lines for the application {@code name} whose main class is {@code type}. */
    static String[] lines(String name, Class<?> type) {
        Package pkg = type.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return new String[] {
            name + " " + (version == null ? "dev (not from a packaged jar)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
        };
    }
}
