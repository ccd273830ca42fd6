package dev.zos.grid.explorer;

import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Request;

/**
 * A collection route: {@code /things} lists with filters and paging, {@code /things/{id}} shows one, and
 * {@code /things/{id}/name} a named part of one where the collection has such parts.
 */
abstract class CollectionResource implements GetResource.Action {
    private final String noun;
    private final Set<String> listParams;
    private final Set<String> parts;

    CollectionResource(String noun, Set<String> listParams, Set<String> parts) {
        this.noun = noun;
        this.listParams = listParams;
        this.parts = parts;
    }

    @Override
    public final Reply answer(Request request, List<String> segments) {
        if (segments.isEmpty()) {
            return list(Query.of(request, listParams));
        }
        Query.of(request, Set.of());
        if (segments.size() > 2 || segments.size() == 2 && !parts.contains(segments.get(1))) {
            throw Errors.noSuchPath(GetResource.path(request));
        }
        long id = GetResource.pathId(segments.getFirst(), noun + " id");
        return segments.size() == 1 ? one(id) : part(id, segments.get(1));
    }

    abstract Reply list(Query q);

    abstract Reply one(long id);

    /** {@code /things/{id}/name}, for a name among the parts given to the constructor. */
    Reply part(long id, String name) {
        throw new IllegalStateException(noun + " has no part " + name);
    }
}
