package org.lyceum.media.upload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.media.Media;
import org.lyceum.media.MediaConfig;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.MediaRows;
import org.lyceum.media.image.ImageProcessor;
import org.lyceum.media.image.ImagePurpose;
import org.lyceum.media.storage.MediaStorage;

/**
 * Turns a received file into stored media: its type read from its bytes and checked against the
 * purpose's allowlist, images re-encoded without their metadata (icons and banners in their sizes,
 * a resource's PNG, JPEG or WebP picture at its own size), the variants stored, the row written
 * within the owner's quota. Detection and image work run on a small pool of their own, so a burst
 * of uploads neither blocks the event loop nor decodes more images at once than memory allows.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    /** A resource's pictures of these types lose their metadata (EXIF, GPS, text chunks) by re-encoding. */
    private static final Set<String> PICTURES = Set.of("image/png", "image/jpeg", "image/webp");

    private final MediaConfig config;
    private final MediaRows rows;
    private final MediaStorage storage;
    private final WorkerExecutor workers;
    private final Path incoming;

    Uploads(
            MediaConfig config,
            MediaRows rows,
            MediaStorage storage,
            Vertx vertx,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "lyceum.data-dir") String dataDir) {
        this.config = config;
        this.rows = rows;
        this.storage = storage;
        this.incoming = Path.of(dataDir).resolve("incoming").toAbsolutePath();
        this.workers = vertx.createSharedWorkerExecutor(
                "lyceum-media", Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @PreDestroy
    void close() {
        workers.closeAndForget();
    }

    /** Stores the received file for its owner; the temporary file is deleted whatever happens. */
    public Uni<Media> store(UUID owner, MediaPurpose purpose, ReceivedFile file) {
        return store(purpose, file, prepared -> rows.insert(prepared.media(owner), quota()));
    }

    /**
     * Stores a copy of a remote icon or banner (lyceum.media.cache-remote) through the same checks
     * and re-encoding as an upload: written to a temporary file off the event loop, owned by no one,
     * outside every quota, attached from the start.
     */
    public Uni<Media> storeRemote(MediaPurpose purpose, byte[] bytes, String name) {
        return blocking(() -> {
                    Files.createDirectories(incoming);
                    Path file = Files.createTempFile(incoming, "remote-", ".part");
                    try {
                        Files.write(file, bytes);
                    } catch (IOException e) {
                        deleteQuietly(file);
                        throw e;
                    }
                    return new ReceivedFile(
                            file, name, bytes.length, HexFormat.of().formatHex(digest().digest(bytes)));
                })
                .chain(file -> store(purpose, file, prepared -> rows.insertRemote(prepared.media(null))));
    }

    /** Prepares, stores and records the file ({@code insert} writes the row); the temporary file goes. */
    private Uni<Media> store(
            MediaPurpose purpose, ReceivedFile file, java.util.function.Function<Prepared, Uni<Media>> insert) {
        Path work = file.path().resolveSibling(file.path().getFileName() + ".d");
        return blocking(() -> prepare(purpose, file, work))
                .chain(prepared -> put(prepared)
                        .chain(() -> insert.apply(prepared))
                        .onFailure()
                        .call(() -> deleteStored(prepared)))
                .eventually(() -> blocking(() -> {
                    deleteQuietly(file.path());
                    deleteQuietly(work);
                    return null;
                }));
    }

    private long quota() {
        return config.quota().asLongValue();
    }

    /** What will be stored: variants (largest first) as local files. */
    private record Prepared(UUID id, MediaPurpose purpose, String mediaType, String name, List<Part> parts) {
        Media media(@Nullable UUID owner) {
            return new Media(
                    id,
                    owner,
                    purpose,
                    mediaType,
                    parts.stream().map(Part::variant).toList(),
                    parts.stream().map(Part::size).toList(),
                    parts.get(0).sha256(),
                    name,
                    OffsetDateTime.now(java.time.ZoneOffset.UTC),
                    null,
                    null);
        }
    }

    private record Part(String variant, Path file, long size, String sha256) {}

    /** Blocking: detection and image work. */
    private Prepared prepare(MediaPurpose purpose, ReceivedFile file, Path work) throws IOException {
        if (file.size() == 0) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA, "the file is empty");
        }
        if (Files.size(file.path()) != file.size()) {
            throw new IOException("the temporary file " + file.path() + " holds " + Files.size(file.path())
                    + " bytes of the " + file.size() + " received");
        }
        String name = FileNames.safe(file.name());
        String type = ContentTypes.detect(file.path(), name);
        if (!purpose.allows(config, type)) {
            throw new DomainException(
                    ErrorCode.UNSUPPORTED_MEDIA,
                    (ContentTypes.UNKNOWN.equals(type) ? "the file's type is not recognised" : "files of type " + type)
                            + " are not taken for " + purpose + "; allowed: "
                            + String.join(", ", purpose.allowedTypes(config)));
        }
        UUID id = UUID.randomUUID();
        ImagePurpose image = purpose.image().orElse(ImagePurpose.PICTURE);
        if (purpose == MediaPurpose.RESOURCE && !PICTURES.contains(type)) {
            return new Prepared(
                    id, purpose, type, name, List.of(new Part(Media.FILE, file.path(), file.size(), file.sha256())));
        }
        Files.createDirectories(work);
        List<Part> parts = new ArrayList<>();
        String served = type;
        for (ImageProcessor.Variant variant : ImageProcessor.process(file.path(), image, work)) {
            served = variant.mediaType();
            parts.add(new Part(
                    variant.size().name(), variant.file(), Files.size(variant.file()), sha256(variant.file())));
        }
        return new Prepared(id, purpose, served, FileNames.withExtensionOf(name, served), parts);
    }

    private Uni<Void> put(Prepared prepared) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Part part : prepared.parts()) {
            all = all.chain(
                    () -> storage.take(Media.key(prepared.id(), part.variant()), part.file(), prepared.mediaType()));
        }
        return all;
    }

    private Uni<Void> deleteStored(Prepared prepared) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Part part : prepared.parts()) {
            String key = Media.key(prepared.id(), part.variant());
            all = all.chain(() -> storage.delete(key)
                    .onFailure()
                    .invoke(e -> LOG.warnf("could not delete %s after a refused upload: %s", key, e.toString()))
                    .onFailure()
                    .recoverWithNull()
                    .replaceWithVoid());
        }
        return all;
    }

    private <T> Uni<T> blocking(java.util.concurrent.Callable<T> work) {
        return workers.executeBlocking(
                Uni.createFrom().item(() -> {
                    try {
                        return work.call();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                false);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> tree = Files.exists(path) ? Files.walk(path) : Stream.empty()) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete %s: %s", path, e.toString());
        }
    }
}
