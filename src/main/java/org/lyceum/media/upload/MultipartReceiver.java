package org.lyceum.media.upload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/**
 * Streams the one file of a multipart request (field {@code file}) to a temporary file through
 * Vert.x's asynchronous file system, hashing it on the way and pausing the request while the disk
 * is behind, so neither the whole file nor a backlog of it is ever in memory. Past {@code limit}
 * bytes it stops and fails with TOO_LARGE; on any failure the temporary file is deleted.
 */
final class MultipartReceiver {

    static final String FIELD = "file";

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final Path target;
    private final long limit;
    private final Promise<ReceivedFile> result = Promise.promise();
    private final MessageDigest sha256;
    private @Nullable AsyncFile file;
    private @Nullable Future<ReceivedFile> written;
    private long size;
    private boolean failed;

    private MultipartReceiver(Vertx vertx, HttpServerRequest request, Path target, long limit) {
        this.vertx = vertx;
        this.request = request;
        this.target = target;
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts reading the (paused) request's body; the future completes when the request has ended. */
    static Future<ReceivedFile> receive(Vertx vertx, HttpServerRequest request, Path target, long limit) {
        return new MultipartReceiver(vertx, request, target, limit).start();
    }

    private Future<ReceivedFile> start() {
        request.setExpectMultipart(true);
        request.exceptionHandler(e -> fail(e));
        request.endHandler(v -> {
            if (written == null) {
                fail(new DomainException(ErrorCode.INVALID_INPUT, "the request has no file in the field \"file\""));
            } else {
                written.onComplete(result);
            }
        });
        request.uploadHandler(this::upload);
        return result.future();
    }

    private void upload(HttpServerFileUpload upload) {
        if (!FIELD.equals(upload.name()) || written != null) {
            upload.handler(b -> {}); // drained and dropped; refused below
            fail(new DomainException(ErrorCode.INVALID_INPUT, "send one file, in the field \"file\""));
            return;
        }
        Promise<ReceivedFile> done = Promise.promise();
        written = done.future();
        upload.pause();
        vertx.fileSystem()
                .open(target.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                .onFailure(e -> fail(e))
                .onSuccess(opened -> {
                    file = opened;
                    // A write that fails (a full disk) must fail the upload, not leave a short file.
                    opened.exceptionHandler(this::fail);
                    upload.handler(chunk -> write(upload, opened, chunk));
                    upload.exceptionHandler(e -> fail(e));
                    upload.endHandler(v -> opened.close()
                            .onFailure(e -> fail(e))
                            .onSuccess(closed -> done.tryComplete(new ReceivedFile(
                                    target,
                                    upload.filename() == null ? "" : upload.filename(),
                                    size,
                                    HexFormat.of().formatHex(sha256.digest())))));
                    upload.resume();
                });
    }

    private void write(HttpServerFileUpload upload, AsyncFile out, Buffer chunk) {
        if (failed) {
            return;
        }
        size += chunk.length();
        if (size > limit) {
            upload.pause();
            fail(new DomainException(ErrorCode.TOO_LARGE, "the file is larger than " + limit + " bytes"));
            return;
        }
        sha256.update(chunk.getBytes());
        out.write(chunk);
        if (out.writeQueueFull()) {
            upload.pause();
            out.drainHandler(v -> upload.resume());
        }
    }

    /** The first failure wins; the temporary file goes. */
    private void fail(Throwable e) {
        if (failed) {
            return;
        }
        failed = true;
        AsyncFile open = file;
        Future<Void> closed =
                open == null ? Future.succeededFuture() : open.close().otherwise((Void) null);
        closed.eventually(() -> vertx.fileSystem().delete(target.toString()).otherwise((Void) null))
                .onComplete(v -> result.tryFail(e));
    }
}
