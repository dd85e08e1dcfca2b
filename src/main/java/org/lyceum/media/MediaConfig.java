package org.lyceum.media;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Uploaded files: where they are stored, how large and of which types they may be, how long kept. */
@ConfigMapping(prefix = "lyceum.media")
public interface MediaConfig {

    /** Where files are stored. */
    enum Storage {
        /** A local directory ({@code directory}): one machine, or a directory all instances share. */
        FILESYSTEM,
        /** An S3-compatible bucket ({@code s3.*}): AWS S3, MinIO, Garage, Ceph. */
        S3
    }

    @WithDefault("filesystem")
    Storage storage();

    /** The directory of the {@code filesystem} storage. */
    @WithDefault("${lyceum.data-dir}/media")
    String directory();

    S3 s3();

    MaxSize maxSize();

    AllowedTypes allowedTypes();

    /** What one person's uploads may take in all. */
    @WithDefault("1G")
    MemorySize quota();

    /** How long an upload may wait to be attached to a resource, a profile or a community. */
    @WithDefault("24h")
    Duration orphanTtl();

    /** How long the file of deleted content is kept, so that content restored by moderators keeps it. */
    @WithDefault("30d")
    Duration deletedGrace();

    /** How long a signed URL of a private community's file works. */
    @WithDefault("1h")
    Duration signedUrlTtl();

    /** Copy remote icons and banners here (through the guarded fetcher) instead of linking them. */
    @WithDefault("false")
    boolean cacheRemote();

    /**
     * The base of public files' URLs, such as a CDN's {@code https://cdn.example.org}, which fetches
     * {@code /media/...} from this instance. Unset: the instance's own base URL.
     */
    Optional<String> publicBaseUrl();

    /** The {@code s3} storage. */
    interface S3 {
        /** Such as {@code https://s3.eu-west-1.amazonaws.com} or {@code http://minio:9000}. */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        Optional<String> bucket();

        Optional<String> accessKey();

        Optional<String> secretKey();

        /** Bucket in the path ({@code endpoint/bucket/key}), as MinIO and S3Proxy need; else a host name. */
        @WithDefault("true")
        boolean pathStyle();
    }

    /** Largest upload per purpose, known before the body is read. */
    interface MaxSize {
        @WithDefault("50M")
        MemorySize resource();

        @WithDefault("5M")
        MemorySize icon();

        @WithDefault("10M")
        MemorySize banner();
    }

    /** Media types accepted per purpose, as detected from the content; {@code type/*} takes a whole type. */
    interface AllowedTypes {
        @WithDefault("application/pdf,"
                + "application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,"
                + "application/vnd.oasis.opendocument.presentation,application/vnd.oasis.opendocument.graphics,"
                + "application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,"
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                + "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
                + "application/epub+zip,text/plain,text/x-web-markdown,text/csv,"
                + "image/png,image/jpeg,image/gif,image/webp,image/svg+xml,"
                + "audio/mpeg,audio/ogg,audio/vnd.wave,audio/mp4,audio/webm,audio/flac,"
                + "video/mp4,video/webm,video/ogg,video/quicktime,application/ogg,"
                + "application/zip")
        List<String> resource();

        @WithDefault("image/png,image/jpeg,image/webp,image/gif")
        List<String> icon();

        @WithDefault("image/png,image/jpeg,image/webp,image/gif")
        List<String> banner();
    }
}
