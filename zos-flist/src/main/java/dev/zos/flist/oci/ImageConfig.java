package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the converter keeps from an image configuration ({@code application/vnd.oci.image.config.v1+json} or
 * Docker's container image JSON): the process to run and the layers' uncompressed digests.
 *
 * @param entrypoint {@code config.Entrypoint}, empty when unset
 * @param cmd        {@code config.Cmd}, empty when unset
 * @param env        {@code config.Env} as {@code KEY=value}
 * @param created    creation time in epoch seconds, 0 when unknown
 * @param diffIds    {@code rootfs.diff_ids}: digests of the uncompressed layers, in order
 */
public record ImageConfig(Platform platform, List<String> entrypoint, List<String> cmd, List<String> env,
                          String workingDir, String user, long created, List<Digest> diffIds) {

    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        diffIds = List.copyOf(diffIds);
    }

    static ImageConfig parse(JsonNode root, String what) {
        if (!root.isObject()) {
            throw ZosException.invalid(what + " is not a JSON object");
        }
        JsonNode c = root.path("config");
        if (c.isMissingNode() || c.isNull()) {
            c = root.path("container_config");
        }
        List<Digest> diffIds = new ArrayList<>();
        JsonNode ids = root.path("rootfs").path("diff_ids");
        for (int i = 0; i < ids.size(); i++) {
            diffIds.add(Digest.parse(ids.get(i).asText(), what + " rootfs.diff_ids[" + i + "]"));
        }
        long created = 0;
        if (root.hasNonNull("created")) {
            try {
                created = Instant.parse(root.get("created").asText()).getEpochSecond();
            } catch (DateTimeParseException e) {
                created = 0;
            }
        }
        Platform platform = new Platform(root.path("os").asText(""), root.path("architecture").asText(""),
                root.path("variant").asText(""));
        return new ImageConfig(platform, strings(c.path("Entrypoint"), what + " Entrypoint"),
                strings(c.path("Cmd"), what + " Cmd"), strings(c.path("Env"), what + " Env"),
                c.path("WorkingDir").asText(""), c.path("User").asText(""), Math.max(0, created), diffIds);
    }

    private static List<String> strings(JsonNode n, String what) {
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ZosException.invalid(what + " must be a list of strings");
        }
        for (JsonNode s : n) {
            if (!s.isTextual()) {
                throw ZosException.invalid(what + " must be a list of strings");
            }
            out.add(s.asText());
        }
        return out;
    }
}
