package dev.zos.core.rmb.peer;

import dev.zos.core.ZosException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Command name → handler, in one explicit map. Thread-safe; handlers may be added while running. */
public final class CommandRouter {
    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();

    /** Adds a handler; a name can be bound only once so two features cannot silently fight over it. */
    public CommandRouter on(String command, CommandHandler handler) {
        if (command == null || command.isBlank()) {
            throw ZosException.invalid("command name must not be blank");
        }
        if (handler == null) {
            throw ZosException.invalid("handler for command '" + command + "' is missing");
        }
        if (handlers.putIfAbsent(command, handler) != null) {
            throw new ZosException(ZosException.Kind.CONFLICT, "command '" + command + "' already has a handler");
        }
        return this;
    }

    public Optional<CommandHandler> find(String command) {
        return Optional.ofNullable(handlers.get(command));
    }

    public Set<String> commands() {
        return new TreeSet<>(handlers.keySet());
    }
}
