package dev.zos.flist.unpack;

import dev.zos.core.ZosException;

/** Checks that an flist entry name is one safe path component. */
final class Names {

    private Names() {
    }

    static String check(String parentPath, String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw ZosException.invalid("refusing to unpack entry '" + name + "' under " + parentPath
                    + ": names must be one path component (no '/', '..', '.' or NUL), this one would escape or"
                    + " confuse the target directory");
        }
        return name;
    }
}
