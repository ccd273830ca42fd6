package dev.zos.node.workload.zmachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.MachineMount;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.node.provision.LogChunk;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import dev.zos.node.workload.disk.DiskImage;
import dev.zos.node.workload.disk.VolumeMounts;
import dev.zos.node.workload.host.Mounter;
import dev.zos.node.workload.network.MachineInterfaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code zmachine} in container mode (no KVM): the flist's tree is the read-only lower of an overlay whose upper
 * lives on a sparse ext4 disk of the machine's root size, and runc runs the entrypoint in its own namespaces with
 * the machine's CPU and memory limits and its volumes bound in.
 *
 * <p>Everything lives in {@code driverDir(zmachine)/machines/<container id>/}: {@code root.img} (upper and work,
 * mounted at {@code rw/}), {@code rootfs/} (the overlay), {@code config.json} and {@code console.log}. Provision
 * adopts a running container by id, restarts a stopped one (mounting again what a reboot unmounted), and builds
 * the rest; deprovision undoes it all and succeeds when nothing is left.
 */
public final class ZMachineDriver implements WorkloadDriver {
    public static final String TYPE = ZMachine.TYPE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlistFetcher fetcher;
    private final RootfsLower lowers;
    private final DiskImage images;
    private final Mounter mounter;
    private final VolumeMounts volumes;
    private final NetNamespaces netns;
    private final Runc runc;
    private final MachineInterfaces interfaces;

    public ZMachineDriver(FlistFetcher fetcher, RootfsLower lowers, DiskImage images, Mounter mounter,
                          VolumeMounts volumes, NetNamespaces netns, Runc runc,
                          MachineInterfaces interfaces) {
        this.fetcher = fetcher;
        this.lowers = lowers;
        this.images = images;
        this.mounter = mounter;
        this.volumes = volumes;
        this.netns = netns;
        this.runc = runc;
        this.interfaces = interfaces;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The directory holding one machine's files. */
    public static Path machineDir(WorkloadContext context, String containerId) {
        return context.node().driverDir(TYPE).resolve("machines").resolve(containerId);
    }

    @Override
    public JsonNode provision(WorkloadContext context) {
        ContainerSpec spec = ContainerSpec.from(context);
        Optional<MachineInterfaces.Plan> nic = interfaces.plan(context);
        String id = spec.containerId();
        Optional<Runc.State> state = runc.state(id);
        if (state.isPresent() && state.get().status().equals("running")) {
            return result(context, nic);
        }
        if (state.isPresent() && state.get().status().equals("paused")) {
            runc.resume(id);
            return result(context, nic);
        }
        state.ifPresent(s -> runc.destroy(id)); // stopped or half-created: start it again from its bundle
        Path dir = machineDir(context, id);
        boolean fresh = !Files.isDirectory(dir);
        try {
            start(context, spec, nic, dir);
            return result(context, nic);
        } catch (RuntimeException e) {
            try {
                stop(context, spec, dir);
                if (fresh) {
                    Optional<String> md5 = knownLower(dir);
                    UnpackedLower.deleteTree(dir);
                    releaseIfUnused(md5, dir.getParent(), context.node().driverDir(TYPE));
                }
            } catch (RuntimeException | IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void start(WorkloadContext context, ContainerSpec spec, Optional<MachineInterfaces.Plan> nic, Path dir) {
        Path driverDir = context.node().driverDir(TYPE);
        Path lower = knownLower(dir).flatMap(md5 -> lowers.adopt(md5, driverDir, driverDir.resolve("flists"))).orElseGet(() -> {
            FlistFetcher.CachedFlist flist = fetcher.fetch(spec.flist(), driverDir.resolve("flists"));
            Path prepared = lowers.prepare(flist, driverDir);
            writeAtomically(dir.resolve("flist.md5"), flist.md5());
            return prepared;
        });
        Path rw = dir.resolve("rw");
        Path rootfs = dir.resolve("rootfs");
        try {
            Files.createDirectories(rw);
            Files.createDirectories(rootfs);
            images.create(dir.resolve("root.img"), spec.rootSize(), "root");
            mounter.mountLoop(dir.resolve("root.img"), rw);
            Files.createDirectories(rw.resolve("upper"));
            Files.createDirectories(rw.resolve("work"));
            mounter.mountOverlay(lower, rw.resolve("upper"), rw.resolve("work"), rootfs);
            List<OciConfig.Bind> binds = new ArrayList<>();
            for (MachineMount m : spec.mounts()) {
                binds.add(new OciConfig.Bind(volumes.mount(context, m.name()), ContainerSpec.target(m)));
            }
            String nsName = NetNamespaces.name(spec.containerId());
            Path ns = netns.ensure(nsName);
            nic.ifPresent(plan -> interfaces.attach(context, plan, nsName));
            ContainerSpec process = spec.args().isEmpty() ? spec.withStartup(StartupEntry.of(rootfs, spec.hostname())) : spec;
            ObjectNode config = OciConfig.build(process, "rootfs", ns, binds);
            writeAtomically(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        } catch (IOException e) {
            throw ZosException.unavailable("zmachine " + spec.hostname() + ": cannot prepare " + dir + ": "
                    + e.getMessage(), e);
        }
        runc.run(spec.containerId(), dir, dir.resolve("console.log"));
    }

    /**
     * The MD5 of the flist this machine ran on before (a restart after a reboot or a crash): the flist of a workload never
     * changes in place, so its MD5 recorded at first start still names the right tree, and the hub need not be
     * reachable to bring the machine back.
     */
    private static Optional<String> knownLower(Path dir) {
        try {
            Path md5 = dir.resolve("flist.md5");
            return Files.isRegularFile(md5) ? Optional.of(Files.readString(md5).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Frees the lower of flist {@code md5} when no machine left in {@code machines} runs on it. */
    private void releaseIfUnused(Optional<String> md5, Path machines, Path driverDir) {
        if (md5.isEmpty()) {
            return;
        }
        try (var others = Files.list(machines)) {
            boolean used = others.anyMatch(m -> knownLower(m).equals(md5));
            if (!used) {
                lowers.release(md5.get(), driverDir);
            }
        } catch (IOException e) {
            // no machines folder: nothing uses it
            lowers.release(md5.get(), driverDir);
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Everything but the machine's files: the container, its mounts and its network namespace. */
    private void stop(WorkloadContext context, ContainerSpec spec, Path dir) {
        runc.destroy(spec.containerId());
        mounter.unmount(dir.resolve("rootfs"));
        mounter.unmount(dir.resolve("rw"));
        for (MachineMount m : spec.mounts()) {
            volumes.unmount(context, m.name());
        }
        interfaces.detach(context);
        netns.remove(NetNamespaces.name(spec.containerId()));
    }

    @Override
    public void deprovision(WorkloadContext context) {
        ContainerSpec spec = teardownSpec(context);
        Path dir = machineDir(context, spec.containerId());
        stop(context, spec, dir);
        Optional<String> md5 = knownLower(dir);
        try {
            UnpackedLower.deleteTree(dir);
        } catch (IOException e) {
            throw ZosException.unavailable("zmachine " + spec.hostname() + ": cannot remove " + dir + ": "
                    + e.getMessage(), e);
        }
        releaseIfUnused(md5, dir.getParent(), context.node().driverDir(TYPE));
    }

    @Override
    public LogChunk logs(WorkloadContext context, long offset, int maxBytes) {
        String id = teardownSpec(context).containerId();
        return ConsoleLog.read(machineDir(context, id).resolve("console.log"), offset, maxBytes);
    }

    /**
     * Deprovision and logs must work even for a workload that never passed validation (a failed provision still
     * gets deleted), so they only need the id and the mounts, not a valid spec.
     */
    private static ContainerSpec teardownSpec(WorkloadContext context) {
        try {
            return ContainerSpec.from(context);
        } catch (ZosException e) {
            List<MachineMount> mounts = context.workload().data() instanceof ZMachine vm ? vm.mounts() : List.of();
            return new ContainerSpec(ContainerSpec.containerId(context.workloadId()), context.workload().name(), null,
                    List.of(), java.util.Map.of(), mounts, 0, 0, 0, "/");
        }
    }

    /** zos's ZMachineResult: the private address when the machine has one; no planetary or mycelium yet. */
    private static JsonNode result(WorkloadContext context, Optional<MachineInterfaces.Plan> nic) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("id", context.workloadId());
        r.put("ip", nic.map(MachineInterfaces.Plan::address).orElse(""));
        r.put("planetary_ip", "");
        r.put("mycelium_ip", "");
        r.put("console_url", "");
        return r;
    }
}
