package dev.zos.flist.hub;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One name in a hub user's namespace, as {@code /api/flist/<user>} lists it and {@code /api/flist/<user>/<name>}
 * describes it (ThreeFold 0-hub's shape: name, size, md5, updated, type, target).
 *
 * @param name    the entry's name, e.g. {@code zos-1.2.fl}
 * @param type    {@code regular} for an flist, {@code symlink} for a link
 * @param size    bytes of the flist (of the link's target for a link)
 * @param md5     hex MD5 of the flist (of the link's target for a link)
 * @param updated when the entry was last written, UTC seconds
 * @param target  the name a link points to; null for an flist
 * @param tags    the flist's tags; only in the single-entry answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubEntry(String name, String type, long size, String md5, long updated, String target,
                       Map<String, String> tags) {
    public static final String REGULAR = "regular";
    public static final String SYMLINK = "symlink";

    public HubEntry withTags(Map<String, String> tags) {
        return new HubEntry(name, type, size, md5, updated, target, tags);
    }
}
