package dev.zos.flist.pack;

/** What identifies an unchanged file between two packs (as restic and git do). */
record FileStat(long dev, long ino, long size, long mtimeNanos, long ctimeNanos) {
}
