package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.WorkloadData;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Streams a zmachine's logs to a URL. Challenge: zmachine, output. */
public record ZLogs(@JsonProperty("zmachine") String zmachine, @JsonProperty("output") String output)
        implements WorkloadData {
    public static final String TYPE = "zlogs";
    public static final List<String> SCHEMES = List.of("redis", "ws", "wss", "http", "https");

    public ZLogs {
        zmachine = Defaults.text(zmachine);
        output = Defaults.text(output);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.s(zmachine).s(output);
    }

    @Override
    public Capacity capacity() {
        return Capacity.ZERO;
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("zmachine").require(
                deployment.workload(zmachine).filter(w -> w.type().equals(ZMachine.TYPE)).isPresent(),
                "no zmachine named '" + zmachine + "' in this deployment");
        String scheme;
        try {
            scheme = new URI(output).getScheme();
        } catch (URISyntaxException e) {
            throw data.field("output").invalid("not a URL: '" + output + "'");
        }
        data.field("output").require(scheme != null && SCHEMES.contains(scheme),
                "scheme '" + scheme + "' is not supported; use one of " + String.join(", ", SCHEMES));
    }
}
