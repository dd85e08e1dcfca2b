package org.lyceum.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes an archive's files into a zip in a temporary file; blocking, for a worker thread. */
final class ArchiveFile {

    /** The zip written, its size and SHA-256; the caller owns (and deletes or hands over) the file. */
    record Written(Path path, long size, String sha256) {}

    private ArchiveFile() {}

    static Written write(Map<String, String> files) {
        Path path = null;
        try {
            path = Files.createTempFile("lyceum-export-", ".zip");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = Files.newOutputStream(path);
                    DigestOutputStream digest = new DigestOutputStream(out, sha);
                    ZipOutputStream zip = new ZipOutputStream(digest, StandardCharsets.UTF_8)) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write(README.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Map.Entry<String, String> file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return new Written(path, Files.size(path), HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            deleteQuietly(path);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(path);
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(@org.jspecify.annotations.Nullable Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temporary directory
            }
        }
    }

    private static final String README =
            """
            Your data on this Lyceum instance, as JSON (UTF-8):
            profile.json        your profile and account (email, roles)
            settings.json       your notification settings
            content.json        everything you wrote: collections, resources, threads, comments (deleted ones too)
            outbox.json         what you posted that is still there, as ActivityStreams Create activities
            likes.json          what you liked
            bookmarks.json      your bookmarks
            follows.json        who and what you follow
            followers.json      who follows you
            memberships.json    the communities you joined or asked to join
            blocks.json         the people, communities and domains you blocked or muted
            notifications.json  your notifications
            files.json          the files you uploaded (download them from where they are shown)
            """;
}
