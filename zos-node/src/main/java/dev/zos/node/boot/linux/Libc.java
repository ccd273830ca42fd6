package dev.zos.node.boot.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The few libc calls PID 1 needs that the JDK does not offer (x86-64 Linux): socket options and ioctls for the
 * network, mount(2), waitpid(2) for orphans, reboot(2). Loaded once through {@link Linux#libc()}.
 */
@SaveError
public interface Libc {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int option, @In byte[] value, int length);

    int bind(int fd, @In byte[] address, int length);

    long sendto(int fd, @In byte[] buffer, long length, int flags, @In byte[] address, int addressLength);

    long recv(int fd, @Out byte[] buffer, long length, int flags);

    int ioctl(int fd, long request, Pointer argument);

    int close(int fd);

    int mount(String source, String target, String type, long flags, String data);

    int umount2(String target, int flags);

    int waitpid(int pid, @Out int[] status, int options);

    int reboot(int command);

    void sync();

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    String strerror(int errno);
}
