package dev.zos.node.provision;

import java.net.URI;
import java.nio.file.Path;

/**
 * What drivers may use of the node they run on.
 *
 * @param dataDir  the node's persistent storage; each driver keeps its files under {@code dataDir/<type>/}
 * @param gridUrl  the grid's base URL (registry, explorer and flist hub)
 * @param nodeId   this node's id in the registry
 */
public record NodeEnvironment(Path dataDir, URI gridUrl, long nodeId) {

    public Path driverDir(String type) {
        return dataDir.resolve(type);
    }
}
