package dev.zos.node.boot.linux;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Access to {@link Libc} and the Linux constants (x86-64) the boot code uses; errors become {@link SyscallException}. */
public final class Linux {
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int AF_PACKET = 17;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_BROADCAST = 6;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_BINDTODEVICE = 25;
    public static final long SIOCADDRT = 0x890B;
    public static final long SIOCGIFFLAGS = 0x8913;
    public static final long SIOCSIFFLAGS = 0x8914;
    public static final long SIOCSIFADDR = 0x8916;
    public static final long SIOCSIFNETMASK = 0x891C;
    public static final int IFF_UP = 0x1;
    public static final int RTF_UP = 0x1;
    public static final int RTF_GATEWAY = 0x2;
    public static final int EINTR = 4;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int WNOHANG = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOATIME = 1024;
    public static final int MNT_DETACH = 2;
    public static final int RB_AUTOBOOT = 0x01234567;
    public static final int RB_POWER_OFF = 0x4321FEDC;
    public static final int PR_SET_CHILD_SUBREAPER = 36;

    private static volatile Libc libc;

    private Linux() {
    }

    public static Libc libc() {
        Libc l = libc;
        if (l == null) {
            synchronized (Linux.class) {
                if (libc == null) {
                    libc = LibraryLoader.create(Libc.class).load("c");
                }
                l = libc;
            }
        }
        return l;
    }

    public static Runtime runtime() {
        return Runtime.getRuntime(libc());
    }

    public static int errno() {
        return LastError.getLastError(runtime());
    }

    /** Throws naming {@code what} and the errno text when a call returned a negative value. */
    public static long check(long result, String what) {
        if (result < 0) {
            int e = errno();
            throw new SyscallException(what, e, libc().strerror(e));
        }
        return result;
    }
}
