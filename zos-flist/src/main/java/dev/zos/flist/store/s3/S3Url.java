package dev.zos.flist.store.s3;

import dev.zos.core.ZosException;
import dev.zos.flist.store.StoreUrls;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code s3://ACCESS:SECRET@host:port/bucket[?region=r]}, as rfs reads it: {@code s3} speaks plain HTTP,
 * {@code s3s} (or {@code s3+tls}) HTTPS; the port is required; the bucket is the path; the region defaults to
 * {@code us-east-1} (only the request signatures use it). Access key and secret may be percent-encoded.
 */
public record S3Url(boolean tls, String host, int port, String bucket, String region, String accessKey, String secretKey) {

    public static final String DEFAULT_REGION = "us-east-1";

    public static S3Url parse(String url) {
        String safe = StoreUrls.stripPassword(url);
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = switch (scheme) {
            case "s3" -> false;
            case "s3s", "s3+tls" -> true;
            default -> throw ZosException.invalid("not an s3:// or s3s:// store URL: " + safe);
        };
        if (u.getHost() == null) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": no host (s3://ACCESS:SECRET@host:port/bucket)");
        }
        if (u.getPort() < 0) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": give the port explicitly, e.g. " + scheme + "://"
                    + "ACCESS:SECRET@" + u.getHost() + (tls ? ":443" : ":9000") + "/bucket");
        }
        String ui = u.getRawUserInfo();
        if (ui == null || ui.indexOf(':') < 0) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": give the access key and secret as ACCESS:SECRET@host");
        }
        String access = URLDecoder.decode(ui.substring(0, ui.indexOf(':')), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(ui.substring(ui.indexOf(':') + 1), StandardCharsets.UTF_8);
        String bucket = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
        if (bucket.isEmpty()) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": no bucket (s3://ACCESS:SECRET@host:port/bucket)");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw ZosException.invalid("bad s3 store URL " + safe + ": '" + bucket
                    + "' is not a bucket name (3-63 characters: lowercase letters, digits, dots and hyphens)");
        }
        String region = DEFAULT_REGION;
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                if (k.equals("region") && eq > 0 && eq < kv.length() - 1) {
                    region = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return new S3Url(tls, u.getHost(), u.getPort(), bucket, region, access, secret);
    }

    /** The endpoint the client talks to: {@code http(s)://host:port}. */
    public URI endpoint() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create((tls ? "https" : "http") + "://" + h + ":" + port);
    }

    @Override
    public String toString() {
        return "S3Url[" + endpoint() + "/" + bucket + ", region " + region + ", access key " + accessKey + "]";
    }
}
