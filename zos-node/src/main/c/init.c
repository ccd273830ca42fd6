/*
 * zos-init: the first program the kernel runs from the Zero-OS initramfs.
 *
 * It mounts the kernel file systems, loads the kernel modules listed in
 * /etc/zos/modules.order (one path per line, dependencies first) with
 * finit_module(2), then replaces itself with the JVM running the node agent,
 * which stays PID 1. It never runs a shell: on any failure it prints one line
 * to the console, waits and reboots.
 *
 * Built static by zos-imagegen: gcc -static -Os -s -o init init.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MODULES_ORDER "/etc/zos/modules.order"
/* written when every module is loaded; zos-node's BootCommand waits for it */
#define MODULES_DONE "/run/zos-modules-loaded"
#define JAVA "/usr/lib/jvm/bin/java"
#define AOT_CACHE "/usr/lib/zos/agent.aot"
#define REBOOT_DELAY_SECONDS 10

static void say(const char *what, const char *detail, int err) {
    if (err) {
        dprintf(2, "zos-init: %s %s: %s\n", what, detail, strerror(err));
    } else {
        dprintf(2, "zos-init: %s %s\n", what, detail);
    }
}

static void fatal(const char *what, const char *detail, int err) {
    say(what, detail, err);
    dprintf(2, "zos-init: rebooting in %d seconds\n", REBOOT_DELAY_SECONDS);
    sleep(REBOOT_DELAY_SECONDS);
    sync();
    reboot(RB_AUTOBOOT);
    for (;;) {
        pause();
    }
}

static void console(void) {
    /* the kernel opens /dev/console from the initramfs; reopen it from devtmpfs if that failed */
    if (fcntl(1, F_GETFD) != -1) {
        return;
    }
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0) {
        return;
    }
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2) {
        close(fd);
    }
}

static void mount_fs(const char *source, const char *target, const char *type, unsigned long flags, const char *data) {
    mkdir(target, 0755);
    if (mount(source, target, type, flags, data) != 0 && errno != EBUSY) {
        fatal("cannot mount", target, errno);
    }
}

/* seconds since the kernel started, for the console's timeline of a boot */
static void uptime(char *buf, size_t len) {
    snprintf(buf, len, "?");
    int fd = open("/proc/uptime", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    ssize_t n = read(fd, buf, len - 1);
    close(fd);
    if (n <= 0) {
        snprintf(buf, len, "?");
        return;
    }
    buf[n] = '\0';
    buf[strcspn(buf, " \n")] = '\0';
}

static int load_modules(void) {
    int loaded = 0;
    FILE *list = fopen(MODULES_ORDER, "re");
    if (list == NULL) {
        say("no module list at", MODULES_ORDER, errno);
        return 0;
    }
    char line[512];
    while (fgets(line, sizeof line, list) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#') {
            continue;
        }
        int fd = open(line, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            say("cannot open module", line, errno);
            continue;
        }
        if (syscall(SYS_finit_module, fd, "", 0) != 0 && errno != EEXIST) {
            say("cannot load module", line, errno);
        } else {
            loaded++;
        }
        close(fd);
    }
    fclose(list);
    return loaded;
}

/* loads the modules, then writes MODULES_DONE ("N modules loaded at S s") atomically */
static void load_modules_and_mark(void) {
    int modules = load_modules();
    char loaded[32], line[96];
    uptime(loaded, sizeof loaded);
    int n = snprintf(line, sizeof line, "%d modules loaded at %s s\n", modules, loaded);
    int fd = open(MODULES_DONE ".tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, line, n) != n || rename(MODULES_DONE ".tmp", MODULES_DONE) != 0) {
        say("cannot write", MODULES_DONE, errno);
    }
    if (fd >= 0) {
        close(fd);
    }
}

int main(void) {
    if (getpid() != 1) {
        dprintf(2, "zos-init: not PID 1, refusing to run\n");
        return 1;
    }
    mount_fs("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
    console();
    mount_fs("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_fs("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    mount_fs("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
    mount_fs("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
    /* The JVM needs no module to start and check the image, so a child loads them meanwhile (under TCG that is
       seconds of signature checks and relocations) and leaves MODULES_DONE for the agent to wait on before it
       touches the network or the disks. The JVM, still PID 1 after execve, reaps the child. */
    char started[32];
    uptime(started, sizeof started);
    pid_t loader = fork();
    if (loader == 0) {
        load_modules_and_mark();
        _exit(0);
    }
    if (loader < 0) {
        say("cannot fork the module loader,", "loading here", errno);
        load_modules_and_mark();
    }
    dprintf(2, "zos-init: up at %s s, starting java\n", started);

    /* the agent's AOT cache (classes loaded and linked at build time; zos-imagegen's AotCache, which trains with
       the same options) when the image has one, else the runtime's base CDS archive */
    char *argv[24];
    int a = 0;
    argv[a++] = JAVA;
    argv[a++] = "-XX:TieredStopAtLevel=1";
    argv[a++] = "-XX:+UseSerialGC";
    if (access(AOT_CACHE, R_OK) == 0) {
        argv[a++] = "-XX:AOTCache=" AOT_CACHE; /* the JVM refuses it together with any -Xshare option */
    } else {
        argv[a++] = "-Xshare:auto";
        argv[a++] = "-XX:SharedArchiveFile=/usr/lib/jvm/lib/server/classes.jsa";
    }
    argv[a++] = "-Xlog:cds=off,cds+dynamic=off";
    argv[a++] = "-Duser.home=/root";
    /* jffi and the FFM calls load native code: allowed, without a warning per library on the console */
    argv[a++] = "--enable-native-access=ALL-UNNAMED";
    argv[a++] = "-cp";
    argv[a++] = "/usr/lib/zos/zos-node.jar";
    argv[a++] = "dev.zos.node.NodeMain";
    argv[a++] = "boot";
    argv[a] = NULL;
    char *const envp[] = {
        "PATH=/usr/sbin:/usr/bin",
        "HOME=/root",
        "LANG=C.UTF-8",
        "JAVA_HOME=/usr/lib/jvm",
        NULL,
    };
    execve(JAVA, argv, envp);
    fatal("cannot start", JAVA, errno);
    return 1;
}
