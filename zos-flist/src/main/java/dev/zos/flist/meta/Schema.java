package dev.zos.flist.meta;

import java.util.List;

/** The rfs {@code .fl} schema, statement by statement, exactly as rfs creates it. */
public final class Schema {

    private Schema() {
    }

    /** CREATE statements as stored in {@code sqlite_master.sql} (in creation order). */
    public static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE inode (
                ino INTEGER PRIMARY KEY AUTOINCREMENT,
                parent INTEGER,
                name VARCHAR(255),
                size INTEGER,
                uid INTEGER,
                gid INTEGER,
                mode INTEGER,
                rdev INTEGER,
                ctime INTEGER,
                mtime INTEGER
            )""",
            "CREATE INDEX parents ON inode (parent)",
            "CREATE INDEX names ON inode (name)",
            """
            CREATE TABLE extra (
                ino INTEGER PRIMARY KEY,
                data VARCHAR(4096)
            )""",
            """
            CREATE TABLE block (
                ino INTEGER,
                id VARCHAR(32),
                key VARCHAR(32)
            )""",
            "CREATE INDEX block_ino ON block (ino)",
            """
            CREATE TABLE tag (
                key VARCHAR(10) PRIMARY KEY,
                value VARCHAR(255)
            )""",
            """
            CREATE TABLE route (
                start integer, -- one byte hash prefix
                end integer, -- one byte hash prefix
                url VARCHAR(2048)
            )""");

    /** Tables a file must have to be read as an flist. */
    public static final List<String> REQUIRED_TABLES = List.of("inode", "extra", "block", "tag", "route");
}
