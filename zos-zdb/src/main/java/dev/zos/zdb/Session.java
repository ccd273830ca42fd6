package dev.zos.zdb;

/** One connection's state: its namespace, whether it may write there, and whether it is admin. */
final class Session {

    Namespace namespace;
    boolean writable = true;
    boolean admin;

    Session(Namespace namespace, boolean admin) {
        this.namespace = namespace;
        this.admin = admin;
    }
}
