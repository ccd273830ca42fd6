package dev.zos.node.boot.linux;

/** A failed system call: what was tried, the errno and its text. */
public final class SyscallException extends RuntimeException {
    private final int errno;

    public SyscallException(String what, int errno, String text) {
        super(what + ": " + text + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
