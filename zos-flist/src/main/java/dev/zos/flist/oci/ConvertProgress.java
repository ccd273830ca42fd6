package dev.zos.flist.oci;

/**
 * Where a conversion is: {@code phase} is {@code verify} (first pass: headers and digests) or {@code upload}
 * (second pass: contents into blocks); {@code layer} counts from 1; {@code blocks} uploaded so far.
 */
public record ConvertProgress(String phase, int layer, int layers, long blocks) {
}
