package org.lyceum.media;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.media.storage.FilesystemStorage;
import org.lyceum.media.storage.MediaStorage;
import org.lyceum.media.storage.S3Storage;

/** The storage lyceum.media.storage names, checked at start so a wrong setting stops the instance there. */
@ApplicationScoped
public class MediaStorageProducer {

    private static final Logger LOG = Logger.getLogger(MediaStorageProducer.class);
    /** A file in the media directory naming it, outside the storage's key space (keys never start with a dot). */
    private static final String DIRECTORY_ID = ".lyceum-media-directory";

    @Produces
    @ApplicationScoped
    MediaStorage storage(Vertx vertx, MediaConfig config) {
        return switch (config.storage()) {
            case FILESYSTEM -> new FilesystemStorage(vertx, Path.of(config.directory()));
            case S3 -> new S3Storage(vertx, s3(config.s3()));
        };
    }

    private static S3Storage.Settings s3(MediaConfig.S3 s3) {
        String endpoint = s3.endpoint().orElseThrow(() -> missing("endpoint"));
        URI uri = URI.create(endpoint);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException("lyceum.media.s3.endpoint must be an http or https URL: " + endpoint);
        }
        return new S3Storage.Settings(
                uri,
                s3.region(),
                s3.bucket().orElseThrow(() -> missing("bucket")),
                s3.accessKey().orElseThrow(() -> missing("access-key")),
                s3.secretKey().orElseThrow(() -> missing("secret-key")),
                s3.pathStyle());
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("lyceum.media.storage=s3 needs lyceum.media.s3." + key);
    }

    /**
     * With filesystem storage, every instance must see the same directory. Each directory gets an id,
     * kept in it and registered in the database: two ids seen in the last 30 days mean instances on
     * several machines with a directory each, where a file uploaded through one is missing on the others.
     */
    void onStart(@Observes StartupEvent start, MediaConfig config, Sql sql) {
        if (config.storage() != MediaConfig.Storage.FILESYSTEM) {
            return;
        }
        UUID id = directoryId(Path.of(config.directory()));
        sql.run("insert into media_directory (id) values ($1) on conflict (id) do update set seen_at = now()", id)
                .chain(() -> sql.one(
                        "select count(*) n from media_directory where seen_at > now() - interval '30 days'",
                        r -> r.getLong("n")))
                .subscribe()
                .with(
                        n -> {
                            if (n > 1) {
                                LOG.warnf(
                                        "%d media directories are in use with this database (this instance's is %s): "
                                                + "a file uploaded through one instance is missing on the others. Give "
                                                + "all instances one shared directory or use lyceum.media.storage=s3. "
                                                + "Rows of media_directory that are no longer used may be deleted.",
                                        n, Path.of(config.directory()).toAbsolutePath());
                            }
                        },
                        e -> LOG.warn("could not check the media directories in use", e));
    }

    private static UUID directoryId(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(DIRECTORY_ID);
            if (!Files.exists(file)) {
                Files.writeString(file, UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
            }
            return UUID.fromString(
                    Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the media directory " + directory.toAbsolutePath(), e);
        }
    }
}
