package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.regex.Pattern;

/** A name contract: a twin reserves a gateway name, unique among active name contracts. */
public record NameContract(long id, long twinId, String name, ContractState state, long created, long updated)
        implements Contract {
    /** tfchain: at least 3 characters; letters, digits, '-' and '_'; we cap at 64. */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{3,64}$");

    public NameContract {
        Checks.positive(id, "contract id");
        Checks.positive(twinId, "contract twin_id");
        checkName(name);
        Checks.required(state, "contract state");
    }

    public static String checkName(String name) {
        Checks.required(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw ZosException.invalid("a contract name must be 3 to 64 letters, digits, '-' or '_', got '" + name + "'");
        }
        return name;
    }

    @Override
    public String type() {
        return "name";
    }

    public NameContract withState(ContractState s, long at) {
        return new NameContract(id, twinId, name, s, created, at);
    }
}
