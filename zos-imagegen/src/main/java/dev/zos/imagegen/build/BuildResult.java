package dev.zos.imagegen.build;

import java.util.List;

/** What a build wrote and how it went. */
public record BuildResult(String format, String kernel, String kernelSource, List<Output> files, String cmdline,
                          int modules, int manifestFiles, String releaseKey, long millis) {
    /** One written file and its size in bytes. */
    public record Output(String path, long size) {
    }
}
