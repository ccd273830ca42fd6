package dev.zos.farmer.pxe;

import dev.zos.core.ZosException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs and removes the PXE service on a Debian or Ubuntu host of the farm's LAN. Every step first looks
 * at what is there and changes only what differs, so running setup twice changes nothing the second time.
 */
public final class PxeProvisioner {
    static final String PACKAGES = "dnsmasq ipxe";
    static final List<String> IPXE_FILES = List.of("undionly.kpxe", "ipxe.efi");
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)");
    private static final Pattern DEFAULT_DEV = Pattern.compile("^default .*?\\bdev (\\S+)", Pattern.MULTILINE);

    /** One thing setup or remove looked at, and what it did about it. */
    public record Step(String step, String state, String detail) {
    }

    public record Report(String host, String config, List<Step> steps) {
    }

    private final RemoteHost host;
    private final String hostName;
    private final boolean dryRun;
    private final Consumer<String> progress;

    public PxeProvisioner(RemoteHost host, String hostName, boolean dryRun, Consumer<String> progress) {
        this.host = host;
        this.hostName = hostName;
        this.dryRun = dryRun;
        this.progress = progress;
    }

    public Report setup(URI scriptUrl, long farmId, String iface) {
        List<Step> steps = new ArrayList<>();
        steps.add(checkOs());
        String device = iface != null ? iface : defaultInterface();
        String network = DnsmasqConfig.networkOf(addressOf(device));
        steps.add(new Step("interface", "found", device + " on " + network));
        var config = new DnsmasqConfig(network, device, scriptUrl, farmId);

        steps.add(ensurePackages());
        steps.add(ensureIpxeFiles());
        String text = config.render();
        Optional<byte[]> current = host.read(DnsmasqConfig.PATH);
        boolean changed = current.isEmpty() || !new String(current.get(), StandardCharsets.UTF_8).equals(text);
        if (changed && !dryRun) {
            progress.accept("writing " + DnsmasqConfig.PATH);
            host.write(DnsmasqConfig.PATH, text.getBytes(StandardCharsets.UTF_8), 0644);
        }
        steps.add(new Step("config", changed ? (dryRun ? "would write" : "written") : "unchanged", DnsmasqConfig.PATH));
        steps.add(ensureService(changed));
        return new Report(hostName, text, steps);
    }

    public Report remove(boolean purge) {
        List<Step> steps = new ArrayList<>();
        boolean present = host.read(DnsmasqConfig.PATH).isPresent();
        if (present && !dryRun) {
            host.delete(DnsmasqConfig.PATH);
        }
        steps.add(new Step("config", present ? (dryRun ? "would remove" : "removed") : "absent", DnsmasqConfig.PATH));
        if (present) {
            steps.add(dryRun ? new Step("dnsmasq", "would restart", "without the PXE drop-in")
                    : restart("restarted", "without the PXE drop-in"));
        }
        if (purge) {
            if (!dryRun) {
                require(host.run("rm -rf " + DnsmasqConfig.TFTP_ROOT), "remove " + DnsmasqConfig.TFTP_ROOT);
            }
            steps.add(new Step("tftp-root", dryRun ? "would remove" : "removed", DnsmasqConfig.TFTP_ROOT));
        }
        steps.add(new Step("packages", "kept", PACKAGES + " stay installed; remove them with apt-get if unused"));
        return new Report(hostName, "", steps);
    }

    private Step checkOs() {
        String release = host.read("/etc/os-release").map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> ZosException.invalid(hostName + " has no /etc/os-release; pxe setup supports Debian and Ubuntu"));
        String id = field(release, "ID");
        String like = field(release, "ID_LIKE");
        String pretty = field(release, "PRETTY_NAME");
        boolean debianLike = List.of("debian", "ubuntu").contains(id) || like.contains("debian") || like.contains("ubuntu");
        if (!debianLike) {
            throw ZosException.invalid(hostName + " runs " + (pretty.isEmpty() ? id : pretty)
                    + "; pxe setup supports Debian and Ubuntu hosts");
        }
        return new Step("os", "supported", pretty.isEmpty() ? id : pretty);
    }

    private static String field(String osRelease, String name) {
        Matcher m = Pattern.compile("^" + name + "=\"?([^\"\\n]*)\"?$", Pattern.MULTILINE).matcher(osRelease);
        return m.find() ? m.group(1).strip() : "";
    }

    private String defaultInterface() {
        var routes = require(host.run("ip -4 route show default"), "find the default route");
        Matcher m = DEFAULT_DEV.matcher(routes.stdout());
        if (!m.find()) {
            throw ZosException.invalid(hostName + " has no IPv4 default route; name the LAN interface with --interface");
        }
        return m.group(1);
    }

    private String addressOf(String device) {
        var exec = host.run("ip -4 -o addr show dev " + SshRemoteHost.quote(device));
        Matcher m = INET.matcher(exec.stdout());
        if (!exec.ok() || !m.find()) {
            throw ZosException.invalid(hostName + " has no IPv4 address on interface " + device
                    + (exec.stderr().isBlank() ? "" : ": " + exec.stderr().strip()));
        }
        return m.group(1);
    }

    private Step ensurePackages() {
        var status = host.run("dpkg-query -W -f='${Package} ${Status}\\n' " + PACKAGES + " 2>/dev/null");
        List<String> missing = new ArrayList<>();
        for (String pkg : PACKAGES.split(" ")) {
            if (!status.stdout().lines().anyMatch(l -> l.startsWith(pkg + " ") && l.endsWith("install ok installed"))) {
                missing.add(pkg);
            }
        }
        if (missing.isEmpty()) {
            return new Step("packages", "installed", PACKAGES);
        }
        if (dryRun) {
            return new Step("packages", "would install", String.join(" ", missing));
        }
        progress.accept("installing " + String.join(" ", missing) + " on " + hostName);
        require(host.run("export DEBIAN_FRONTEND=noninteractive; apt-get update -q >/dev/null && apt-get install -y -q "
                + String.join(" ", missing) + " >/dev/null"), "install " + String.join(" ", missing));
        return new Step("packages", "installed now", String.join(" ", missing));
    }

    private Step ensureIpxeFiles() {
        StringBuilder command = new StringBuilder("install -d -m 0755 " + DnsmasqConfig.TFTP_ROOT);
        for (String file : IPXE_FILES) {
            // -C: copy only when the content differs, so a second setup touches nothing
            command.append(" && install -C -m 0644 /usr/lib/ipxe/").append(file).append(' ')
                    .append(DnsmasqConfig.TFTP_ROOT).append('/').append(file);
        }
        if (dryRun) {
            return new Step("tftp-root", "would copy", String.join(", ", IPXE_FILES) + " to " + DnsmasqConfig.TFTP_ROOT);
        }
        require(host.run(command.toString()), "copy the iPXE loaders to " + DnsmasqConfig.TFTP_ROOT);
        return new Step("tftp-root", "ready", String.join(", ", IPXE_FILES) + " in " + DnsmasqConfig.TFTP_ROOT);
    }

    private Step ensureService(boolean configChanged) {
        boolean active = host.run("systemctl is-active --quiet dnsmasq").ok();
        if (!configChanged && active) {
            return new Step("dnsmasq", "running", "configuration unchanged, not restarted");
        }
        if (dryRun) {
            return new Step("dnsmasq", "would restart", configChanged ? "new configuration" : "was not running");
        }
        host.run("systemctl enable --quiet dnsmasq");
        return restart(configChanged ? "restarted" : "started", configChanged ? "new configuration" : "was not running");
    }

    private Step restart(String state, String why) {
        progress.accept("restarting dnsmasq on " + hostName);
        var restart = host.run("systemctl restart dnsmasq");
        if (!restart.ok()) {
            var log = host.run("journalctl -u dnsmasq -n 5 --no-pager -o cat");
            String last = log.stdout().strip().lines().reduce((a, b) -> b).orElse(restart.stderr().strip());
            throw ZosException.unavailable("dnsmasq did not start on " + hostName + ": " + last, null);
        }
        return new Step("dnsmasq", state, why);
    }

    private RemoteHost.Exec require(RemoteHost.Exec exec, String what) {
        if (!exec.ok()) {
            String why = exec.stderr().isBlank() ? "exit code " + exec.exitCode() : exec.stderr().strip().lines()
                    .reduce((a, b) -> b).orElse("");
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "could not " + what + " on " + hostName + ": " + why);
        }
        return exec;
    }
}
