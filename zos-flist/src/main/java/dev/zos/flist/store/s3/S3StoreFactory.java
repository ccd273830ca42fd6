package dev.zos.flist.store.s3;

import dev.zos.core.ZosException;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.StoreFactory;
import java.util.Set;

/**
 * Opens {@link S3Store}s. Kept apart from the store, and free of AWS SDK types, so that registering the s3 schemes
 * loads no SDK class: the node image leaves the SDK out (a node never opens an s3:// store), and only opening one
 * needs it, which then fails with one clear line instead of a {@link NoClassDefFoundError}.
 */
public final class S3StoreFactory implements StoreFactory {
    public static final S3StoreFactory INSTANCE = new S3StoreFactory();

    private S3StoreFactory() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3", "s3s", "s3+tls");
    }

    @Override
    public BlockStore open(String url) {
        try {
            return new S3Store(url);
        } catch (NoClassDefFoundError e) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "s3:// stores need the AWS SDK, which this build of the program leaves out ("
                    + e.getMessage() + "); open " + dev.zos.flist.store.StoreUrls.stripPassword(url) + " with zos-flistctl instead");
        }
    }
}
