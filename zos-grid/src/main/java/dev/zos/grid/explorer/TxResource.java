package dev.zos.grid.explorer;

import dev.zos.core.ZosException;
import dev.zos.grid.http.Http;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.registry.SubmitResult;
import dev.zos.core.registry.tx.SignedTransaction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tx}: a signed transaction in the registry's wire JSON, at most {@link #MAX_BODY} bytes (413
 * beyond). Answers 200 with a {@link TxReceipt} once the transaction is durable, or the refusal as a JSON
 * error by its kind. Reads the body and waits for the group commit without holding a thread.
 */
final class TxResource extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(TxResource.class);
    /** The registry's own limit for a signed transaction. */
    static final int MAX_BODY = dev.zos.core.registry.tx.TxCodec.MAX_BYTES;

    private final Registry registry;

    TxResource(Registry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Errors.methodNotAllowed(response, callback, request.getMethod(), "POST");
            return true;
        }
        String path = GetResource.path(request);
        if (!path.equals("/tx") && !path.equals("/tx/")) {
            Errors.send(response, callback, Errors.noSuchPath(path));
            return true;
        }
        try {
            Query.of(request, java.util.Set.of());
        } catch (ZosException e) {
            Errors.send(response, callback, e);
            return true;
        }
        if (request.getLength() > MAX_BODY) {
            drainThenTooLarge(request, response, callback);
            return true;
        }
        Content.Source.asByteArrayAsync(request, MAX_BODY)
                .exceptionally(TxResource::readFailure)
                .thenCompose(this::submit)
                // answer on a server thread: the group commit completes the futures on the registry's single
                // writer thread, which must not spend its time encoding and writing 64 responses per batch
                .whenCompleteAsync((result, failure) -> answer(request, response, callback, result, failure),
                        request.getComponents().getExecutor());
        return true;
    }

    /** A body over the limit (Jetty fails the read with an IllegalStateException) or a broken upload. */
    private static byte[] readFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
            throw new BodyTooLarge();
        }
        throw ZosException.invalid("cannot read the request body: " + Errors.oneLine(String.valueOf(cause.getMessage())));
    }

    /** The body exceeded {@link #MAX_BODY} while being read. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    private CompletableFuture<SubmitResult> submit(byte[] body) {
        try {
            return registry.submitAsync(SignedTransaction.parse(body));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answer(Request request, Response response, Callback callback, SubmitResult result, Throwable failure) {
        if (failure == null) {
            Http.json(response, callback, 200, TxReceipt.of(result));
            return;
        }
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        switch (cause) {
            case ZosException z -> Errors.send(response, callback, z);
            case BodyTooLarge tooBig -> drainThenTooLarge(request, response, callback);
            default -> {
                LOG.error("POST /tx failed", cause);
                Http.error(response, callback, 500, "internal error while submitting the transaction");
            }
        }
    }

    /**
     * Answers 413 only after reading what the client still sends, up to a bound: answering while the client is
     * still writing makes the server close a connection with unread data, and the reset can destroy the answer.
     */
    private static void drainThenTooLarge(Request request, Response response, Callback callback) {
        if (request.getLength() > MAX_DRAIN) {
            tooLarge(response, callback);
            return;
        }
        Content.Source.consumeAll(request, Callback.from(() -> tooLarge(response, callback), x -> tooLarge(response, callback)));
    }

    /** The most an over-long body is read (and dropped) for, before the 413; beyond it the connection is closed. */
    static final long MAX_DRAIN = 4L << 20;

    private static void tooLarge(Response response, Callback callback) {
        Http.error(response, callback, 413, "request body is larger than " + MAX_BODY
                + " bytes, the limit for a signed transaction");
    }
}
