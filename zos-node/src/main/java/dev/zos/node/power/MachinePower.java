package dev.zos.node.power;

import dev.zos.node.boot.linux.Linux;

/**
 * What the agent may do with the machine when the farmer's power target is down and nothing runs on it. As PID 1 of
 * the image it owns the machine and powers it off ({@link #pid1()}); as {@code zos-node run} it shares a machine with
 * its host and only goes to standby ({@link #STANDBY_ONLY}). With workloads it always stays in standby: powering off
 * would take the users' machines down.
 */
public interface MachinePower {
    /** Whether {@link #powerOff()} is allowed. */
    boolean canPowerOff();

    /** Powers the machine off; returns only when that failed. */
    void powerOff();

    /** A short name for log lines. */
    String describe();

    /** Process mode: the agent never powers its host off. */
    MachinePower STANDBY_ONLY = new MachinePower() {
        @Override
        public boolean canPowerOff() {
            return false;
        }

        @Override
        public void powerOff() {
            throw new IllegalStateException("process mode: the node does not power its host off");
        }

        @Override
        public String describe() {
            return "standby only (process mode)";
        }
    };

    /** PID 1 of the image: sync(2) then reboot(2) with {@code RB_POWER_OFF}; refuses in any process that is not PID 1. */
    static MachinePower pid1() {
        return new MachinePower() {
            @Override
            public boolean canPowerOff() {
                return true;
            }

            @Override
            public void powerOff() {
                if (ProcessHandle.current().pid() != 1) {
                    throw new IllegalStateException("not PID 1 (pid " + ProcessHandle.current().pid()
                            + "): refusing to power the machine off");
                }
                Linux.libc().sync();
                Linux.check(Linux.libc().reboot(Linux.RB_POWER_OFF), "reboot(RB_POWER_OFF)");
            }

            @Override
            public String describe() {
                return "power off (PID 1)";
            }
        };
    }
}
