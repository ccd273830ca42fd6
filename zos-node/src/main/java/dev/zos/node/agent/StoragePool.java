package dev.zos.node.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.node.capacity.Disk;
import dev.zos.node.capacity.HostProbe;
import dev.zos.node.capacity.NodeCapacity;
import dev.zos.node.capacity.StorageSource;
import dev.zos.node.provision.ProvisionEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code zos.storage.pools}: the storage the node sells, one pool per disk (or the data directory in process mode),
 * as zos lists them ({@code name}, {@code type} ssd|hdd, {@code size} and {@code used} in bytes). Use is what
 * workloads reserved, spread over the pools of a type in order.
 */
record StoragePool(@JsonProperty("name") String name, @JsonProperty("type") String type, @JsonProperty("size") long size,
             @JsonProperty("used") long used) {

    static List<StoragePool> of(HostProbe probe, NodeConfig config, NodeCapacity capacity, ProvisionEngine engine) {
        var used = engine.statistics().used();
        long ssdLeft = used.sru() - capacity.reserved().sru();
        long hddLeft = used.hru() - capacity.reserved().hru();
        List<StoragePool> out = new ArrayList<>();
        if (config.storage() == StorageSource.DISKS) {
            for (Disk d : probe.disks()) {
                long take = Math.min(d.bytes(), Math.max(0, d.rotational() ? hddLeft : ssdLeft));
                if (d.rotational()) {
                    hddLeft -= take;
                } else {
                    ssdLeft -= take;
                }
                out.add(new StoragePool(d.name(), d.rotational() ? "hdd" : "ssd", d.bytes(), take));
            }
        } else {
            boolean hdd = config.storage() == StorageSource.DATA_DIR_HDD;
            out.add(new StoragePool(config.dataDir().toString(), hdd ? "hdd" : "ssd",
                    hdd ? capacity.total().hru() : capacity.total().sru(), Math.max(0, hdd ? hddLeft : ssdLeft)));
        }
        return out;
    }
}
