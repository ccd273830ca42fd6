package dev.zos.imagegen.kernel;

import dev.zos.core.ZosException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .modinfo} section of a kernel module (an ELF64 relocatable file): NUL-separated
 * {@code key=value} strings such as {@code name=}, {@code depends=}, {@code vermagic=}.
 */
public record ModInfo(Map<String, List<String>> entries) {

    public ModInfo {
        entries = Map.copyOf(entries);
    }

    /** The module's name ({@code name=}), or null when the section does not carry one. */
    public String name() {
        return first("name");
    }

    /** Modules this one needs loaded first, from {@code depends=} (empty when it needs none). */
    public List<String> depends() {
        String deps = first("depends");
        if (deps == null || deps.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String d : deps.split(",")) {
            if (!d.isBlank()) {
                out.add(ModuleIndex.normalize(d.strip()));
            }
        }
        return List.copyOf(out);
    }

    public String first(String key) {
        List<String> values = entries.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Parses the {@code .modinfo} section of an uncompressed ELF64 little-endian module. */
    public static ModInfo parse(byte[] elf, String what) {
        try {
            return new ModInfo(parseStrings(section(elf, ".modinfo", what)));
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw ZosException.invalid(what + " is not a valid ELF64 kernel module (truncated header or section table)");
        }
    }

    private static byte[] section(byte[] elf, String wanted, String what) {
        if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw ZosException.invalid(what + " is not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1) {
            throw ZosException.invalid(what + " is not a little-endian ELF64 file");
        }
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
        int strHeader = Math.toIntExact(shoff + (long) shstrndx * shentsize);
        int strOff = Math.toIntExact(b.getLong(strHeader + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = Math.toIntExact(shoff + (long) i * shentsize);
            int nameOff = b.getInt(h);
            if (wanted.equals(cString(elf, strOff + nameOff))) {
                int off = Math.toIntExact(b.getLong(h + 0x18));
                int size = Math.toIntExact(b.getLong(h + 0x20));
                byte[] out = new byte[size];
                System.arraycopy(elf, off, out, 0, size);
                return out;
            }
        }
        throw ZosException.invalid(what + " has no " + wanted + " section");
    }

    private static String cString(byte[] data, int off) {
        int end = off;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, off, end - off, StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> parseStrings(byte[] section) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= section.length; i++) {
            if (i == section.length || section[i] == 0) {
                if (i > start) {
                    String s = new String(section, start, i - start, StandardCharsets.UTF_8);
                    int eq = s.indexOf('=');
                    if (eq > 0) {
                        map.computeIfAbsent(s.substring(0, eq), k -> new ArrayList<>()).add(s.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return map;
    }
}
