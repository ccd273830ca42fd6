package dev.zos.imagegen.format;

import dev.zos.core.ZosException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every image format by name; unknown names are rejected with the list of valid ones. */
public final class FormatRegistry {
    private final Map<String, ImageFormat> formats = new LinkedHashMap<>();

    public FormatRegistry(List<ImageFormat> all) {
        for (ImageFormat f : all) {
            if (formats.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("two image formats named " + f.name());
            }
        }
    }

    public static FormatRegistry standard() {
        return new FormatRegistry(List.of(new KernelFormat(), new IpxeFormat(), new IsoFormat(), new UsbFormat(), new EfiFormat()));
    }

    public ImageFormat get(String name) {
        ImageFormat f = formats.get(name);
        if (f == null) {
            throw ZosException.invalid("unknown image format '" + name + "'; valid formats: " + String.join(", ", formats.keySet()));
        }
        return f;
    }

    public Collection<ImageFormat> all() {
        return formats.values();
    }
}
