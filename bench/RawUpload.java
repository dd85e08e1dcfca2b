import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The filesystem baseline of bench/media.sh: a bare Vert.x HTTP server, no CDI, no token, no
 * database, no type detection.
 *   POST /upload          streams the multipart field "file" to <dir>/<uuid> through an AsyncFile,
 *                         hashing SHA-256 on the way and pausing the request while the disk is behind;
 *                         answers 201 {"url","size","sha256"} once the file is closed
 *   GET  /files/<name>    streams the file back (AsyncFile piped to the response, Content-Length set)
 * Usage: java -cp <vert.x jars> bench/RawUpload.java <port> <dir>
 */
public class RawUpload {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1])).toAbsolutePath();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(
                        () -> new Server(port, dir),
                        new DeploymentOptions()
                                .setInstances(2 * Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println("raw upload listening on " + port + ", files in " + dir))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    static final class Server extends AbstractVerticle {
        final int port;
        final Path dir;

        Server(int port, Path dir) {
            this.port = port;
            this.dir = dir;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer()
                    .requestHandler(request -> {
                        String path = request.path();
                        if (request.method().name().equals("POST") && path.equals("/upload")) {
                            upload(request);
                        } else if (request.method().name().equals("GET") && path.startsWith("/files/")) {
                            download(request, path.substring("/files/".length()));
                        } else {
                            request.response().setStatusCode(404).end();
                        }
                    })
                    .listen(port)
                    .<Void>mapEmpty()
                    .onComplete(started);
        }

        void upload(HttpServerRequest request) {
            String name = UUID.randomUUID().toString();
            Path target = dir.resolve(name);
            Promise<JsonObject> written = Promise.promise();
            request.setExpectMultipart(true);
            request.exceptionHandler(written::tryFail);
            request.uploadHandler(upload -> receive(upload, target, name, written));
            request.endHandler(v -> written.future().onComplete(done -> {
                if (done.succeeded()) {
                    request.response()
                            .setStatusCode(201)
                            .putHeader("Content-Type", "application/json")
                            .end(done.result().encode());
                } else {
                    request.response().setStatusCode(500).end(String.valueOf(done.cause()));
                }
            }));
        }

        void receive(HttpServerFileUpload upload, Path target, String name, Promise<JsonObject> written) {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long[] size = {0};
            upload.pause();
            vertx.fileSystem()
                    .open(
                            target.toString(),
                            new OpenOptions().setCreateNew(true).setWrite(true))
                    .onFailure(written::tryFail)
                    .onSuccess(out -> {
                        upload.handler(chunk -> {
                            size[0] += chunk.length();
                            sha256.update(chunk.getBytes());
                            out.write(chunk);
                            if (out.writeQueueFull()) {
                                upload.pause();
                                out.drainHandler(v -> upload.resume());
                            }
                        });
                        upload.exceptionHandler(written::tryFail);
                        upload.endHandler(v -> out.close()
                                .onFailure(written::tryFail)
                                .onSuccess(closed -> written.tryComplete(new JsonObject()
                                        .put("url", "/files/" + name)
                                        .put("size", size[0])
                                        .put("sha256", HexFormat.of().formatHex(sha256.digest())))));
                        upload.resume();
                    });
        }

        void download(HttpServerRequest request, String name) {
            if (name.contains("/") || name.contains("..")) {
                request.response().setStatusCode(404).end();
                return;
            }
            String file = dir.resolve(name).toString();
            vertx.fileSystem()
                    .open(file, new OpenOptions().setRead(true).setCreate(false))
                    .onComplete(opened -> {
                        if (opened.failed()) {
                            request.response().setStatusCode(404).end();
                            return;
                        }
                        AsyncFile in = opened.result();
                        in.size().onSuccess(size -> {
                            request.response()
                                    .putHeader("Content-Type", "application/zip")
                                    .putHeader("Content-Length", String.valueOf(size));
                            in.pipeTo(request.response()).onComplete(done -> in.close());
                        });
                    });
        }
    }
}
