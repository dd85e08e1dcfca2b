package org.lyceum.media;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Writes a stored file's bytes to a response whose headers are set: one buffer asked for at a time,
 * and the next only when the client has taken the last (the write queue drained). A client that
 * goes away cancels the read, which closes the file or releases the storage connection. Every
 * signal is handled on the request's context, so the response is only touched from its event loop.
 */
final class ResponseStream implements Flow.Subscriber<Buffer> {

    private static final Logger LOG = Logger.getLogger(ResponseStream.class);

    private final HttpServerResponse response;
    private final Context context;
    private final String key;
    private Flow.@Nullable Subscription subscription;
    private boolean gone;
    private boolean done;

    private ResponseStream(HttpServerResponse response, Context context, String key) {
        this.response = response;
        this.context = context;
        this.key = key;
    }

    /** Streams the body to the response; {@code context} is the request's. */
    static void start(HttpServerResponse response, Context context, String key, Multi<Buffer> body) {
        ResponseStream stream = new ResponseStream(response, context, key);
        stream.gone = response.closed();
        response.closeHandler(v -> stream.clientGone());
        response.exceptionHandler(e -> stream.clientGone());
        body.subscribe().withSubscriber(stream);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        on(() -> {
            subscription = s;
            if (gone) {
                s.cancel();
            } else {
                s.request(1);
            }
        });
    }

    @Override
    public void onNext(Buffer buffer) {
        on(() -> {
            if (gone || done) {
                return;
            }
            response.write(buffer.getDelegate());
            if (response.writeQueueFull()) {
                response.drainHandler(v -> {
                    response.drainHandler(null);
                    next();
                });
            } else {
                next();
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        on(() -> {
            if (done || gone) {
                return;
            }
            done = true;
            String id = UUID.randomUUID().toString();
            LOG.errorf(failure, "Internal error %s: reading %s failed after its headers were sent", id, key);
            response.reset();
        });
    }

    @Override
    public void onComplete() {
        on(() -> {
            if (done || gone) {
                return;
            }
            done = true;
            response.end();
        });
    }

    private void next() {
        Flow.Subscription s = subscription;
        if (s != null && !gone) {
            s.request(1);
        }
    }

    private void clientGone() {
        if (gone || done) {
            return;
        }
        gone = true;
        LOG.warnf("The client closed the connection while %s was being sent", key);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void on(Runnable action) {
        context.runOnContext(v -> action.run());
    }
}
