package dev.zos.farmer.pxe;

import java.util.Optional;

/** What provisioning needs of a machine it logs in to: run a command, read and write files. */
public interface RemoteHost extends AutoCloseable {

    /** The outcome of one command. */
    record Exec(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} through the remote login shell; never throws for a non-zero exit. */
    Exec run(String command);

    /** The file's bytes, or empty when it does not exist. */
    Optional<byte[]> read(String path);

    /** Writes {@code path} whole: to a temporary file next to it, then renamed over it. */
    void write(String path, byte[] content, int mode);

    /** Removes {@code path}; true when there was something to remove. */
    boolean delete(String path);

    @Override
    void close();
}
