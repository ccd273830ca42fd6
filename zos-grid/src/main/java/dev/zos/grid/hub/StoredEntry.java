package dev.zos.grid.hub;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One name of a user's namespace as kept on disk ({@code users/<twin>/entries/<name>.json}).
 *
 * @param type    {@code regular} or {@code symlink}
 * @param md5     hex MD5 of the flist file (regular)
 * @param size    bytes of the flist file (regular)
 * @param file    the file name under {@code users/<twin>/files} (regular)
 * @param target  the entry a link points to (symlink)
 * @param updated UTC seconds of the last write
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredEntry(String type, String md5, Long size, String file, String target, long updated) {
}
