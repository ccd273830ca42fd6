package dev.zos.grid.explorer;

/** What a GET resource answers: a status, a JSON body, and the total behind a page (null: no Count header). */
record Reply(int status, Object body, Long count) {
    static Reply ok(Object body) {
        return new Reply(200, body, null);
    }

    /** A page of items; {@code Count} carries the total over all pages when the client asked with ret_count. */
    static Reply page(Object items, long total, boolean retCount) {
        return new Reply(200, items, retCount ? total : null);
    }
}
