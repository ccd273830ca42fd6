package dev.zos.cli.deploy;

import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Output of the deploy commands. Deployments are written with the gridtypes mapper so JSON and YAML show
 * the wire names and forms; people get tables.
 */
final class Render {
    private Render() {
    }

    /** {@code table}, {@code json} or {@code yaml}; INVALID naming the value otherwise. */
    static OutputFormat format(String value) {
        try {
            return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("invalid output format '" + value + "': use table, json or yaml"
                    + " (a pending file is written only with --require)");
        }
    }

    static void print(PrintWriter out, OutputFormat format, Object data, Supplier<Table> table) {
        switch (format) {
            case JSON -> out.println(GridJson.toPrettyJson(data));
            case YAML -> out.print(GridJson.toYaml(data));
            case TABLE -> table.get().print(out);
        }
        out.flush();
    }

    static Table workloads(Deployment d) {
        return new Table(List.of("WORKLOAD", "TYPE", "STATE", "MESSAGE"), d.workloads().stream()
                .map(w -> List.of(w.name(), w.type(), DeploymentWatch.state(w), w.result().message())).toList());
    }
}
