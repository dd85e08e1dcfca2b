package org.lyceum.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.job.JobOutcome;
import org.lyceum.job.Jobs;
import org.lyceum.media.storage.MediaStorage;
import org.lyceum.media.storage.StoredFile;
import org.lyceum.support.Rows;

/**
 * media-cleanup on rows written directly: orphans go after the TTL, a file nothing live uses is
 * released, kept through the grace (and taken back when its content is restored), then removed;
 * a file that something else still uses stays.
 */
@QuarkusTest
class MediaCleanupTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    @Inject
    Jobs jobs;

    @Inject
    MediaRows rows;

    @Inject
    MediaStorage storage;

    @Test
    void anOldOrphanGoesWithItsBytesAndAFreshOneStays() {
        UUID owner = person();
        UUID old = upload(owner, MediaPurpose.ICON, List.of("400", "64"));
        UUID fresh = upload(owner, MediaPurpose.RESOURCE, List.of(Media.FILE));
        Rows.execute(db, "update media set created_at = now() - interval '2 days' where id = ?", old);

        String detail = run();

        assertTrue(detail.matches("orphans [1-9]\\d*, released \\d+, restored \\d+, removed \\d+"), detail);
        assertEquals(0, Rows.count(db, "select count(*) from media where id = ?", old));
        assertNull(stored(old, "400"));
        assertNull(stored(old, "64"));
        assertEquals(1, Rows.count(db, "select count(*) from media where id = ?", fresh));
        assertNotNull(stored(fresh, Media.FILE));
    }

    @Test
    void aFileOfDeletedContentIsReleasedThenRemovedAfterTheGrace() {
        UUID owner = person();
        UUID community = community(owner);
        UUID collection = collection(community, owner);
        UUID live = attached(owner, MediaPurpose.RESOURCE);
        UUID deleted = attached(owner, MediaPurpose.RESOURCE);
        resource(collection, community, owner, live);
        UUID gone = resource(collection, community, owner, deleted);
        Rows.execute(db, "update content set deleted_at = now() where id = ?", gone);
        // Old enough to be an orphan, if being attached did not count.
        Rows.execute(db, "update media set created_at = now() - interval '40 days' where id in (?, ?)", live, deleted);

        run();
        assertNull(released(live));
        assertNotNull(released(deleted));
        assertNull(removed(deleted));
        assertNotNull(stored(deleted, Media.FILE));

        Rows.execute(db, "update media set released_at = now() - interval '29 days' where id = ?", deleted);
        run();
        assertNull(removed(deleted));
        assertNotNull(stored(deleted, Media.FILE));

        Rows.execute(db, "update media set released_at = now() - interval '31 days' where id = ?", deleted);
        run();
        assertNotNull(removed(deleted));
        assertNull(stored(deleted, Media.FILE));
        assertEquals(
                1, Rows.count(db, "select count(*) from media where id = ?", deleted), "deleted content refers to it");
        assertNull(removed(live));
        assertNotNull(stored(live, Media.FILE));
    }

    @Test
    void restoredContentTakesItsFileBack() {
        UUID owner = person();
        UUID community = community(owner);
        UUID file = attached(owner, MediaPurpose.RESOURCE);
        UUID resource = resource(collection(community, owner), community, owner, file);
        Rows.execute(db, "update content set deleted_at = now() where id = ?", resource);
        run();
        assertNotNull(released(file));

        Rows.execute(db, "update content set deleted_at = null where id = ?", resource);
        Rows.execute(db, "update media set released_at = now() - interval '31 days' where id = ?", file);
        run();
        assertNull(released(file));
        assertNull(removed(file));
        assertNotNull(stored(file, Media.FILE));
    }

    @Test
    void aFileUsedTwiceStaysWhenOneUseIsDeleted() {
        UUID owner = person();
        UUID community = community(owner);
        UUID collection = collection(community, owner);
        UUID file = attached(owner, MediaPurpose.RESOURCE);
        UUID first = resource(collection, community, owner, file);
        resource(collection, community, owner, file);
        Rows.execute(db, "update content set deleted_at = now() where id = ?", first);

        run();

        assertNull(released(file));
        assertNotNull(stored(file, Media.FILE));
    }

    /** Deleting a collection or a community leaves its resources' rows as they were: their files go all the same. */
    @Test
    void filesOfADeletedCollectionOrCommunityAreReleased() {
        UUID owner = person();
        UUID community = community(owner);
        UUID kept = collection(community, owner);
        UUID dropped = collection(community, owner);
        UUID stays = attached(owner, MediaPurpose.RESOURCE);
        UUID goes = attached(owner, MediaPurpose.RESOURCE);
        resource(kept, community, owner, stays);
        resource(dropped, community, owner, goes);
        Rows.execute(db, "update content set deleted_at = now() where id = ?", dropped);
        run();
        assertNull(released(stays));
        assertNotNull(released(goes));

        Rows.execute(db, "update community set deleted_at = now() where id = ?", community);
        run();
        assertNotNull(released(stays));
    }

    @Test
    void iconsAndBannersStayWhileTheirProfileOrCommunityDoes() {
        UUID owner = person();
        UUID icon = attached(owner, MediaPurpose.ICON);
        UUID banner = attached(owner, MediaPurpose.BANNER);
        Rows.execute(db, "update person set icon_id = ? where id = ?", icon, owner);
        UUID community = community(owner);
        Rows.execute(db, "update community set banner_id = ? where id = ?", banner, community);
        run();
        assertNull(released(icon));
        assertNull(released(banner));
        assertNotNull(stored(icon, "400"));

        Rows.execute(db, "update community set deleted_at = now() where id = ?", community);
        run();
        assertNull(released(icon));
        assertNotNull(released(banner));
    }

    private String run() {
        Optional<JobOutcome> outcome = jobs.runNow(MediaCleanup.JOB).await().atMost(WAIT);
        assertEquals(Optional.of(JobOutcome.SUCCEEDED), outcome);
        return Rows.string(db, "select detail from job_run where name = ? order by id desc limit 1", MediaCleanup.JOB);
    }

    private UUID person() {
        UUID id = UUID.randomUUID();
        String name = "m" + id.toString().substring(0, 8);
        Rows.execute(
                db,
                "insert into person (id, ap_id, username, host, display_name) values (?, ?, ?, 'files.example', ?)",
                id,
                "https://files.example/u/" + name,
                name,
                name);
        return id;
    }

    private UUID community(UUID owner) {
        UUID id = UUID.randomUUID();
        String name = "c" + id.toString().substring(0, 8);
        Rows.execute(
                db,
                "insert into community (id, ap_id, name, host, title) values (?, ?, ?, 'files.example', ?)",
                id,
                "https://files.example/c/" + name,
                name,
                "Files of " + owner);
        return id;
    }

    private UUID collection(UUID community, UUID author) {
        UUID id = UUID.randomUUID();
        Rows.execute(
                db,
                "insert into content (id, ap_id, kind, host, community_id, author_id, title)"
                        + " values (?, ?, 'COLLECTION', 'files.example', ?, ?, 'Worksheets')",
                id,
                "https://files.example/o/" + id,
                community,
                author);
        return id;
    }

    private UUID resource(UUID collection, UUID community, UUID author, UUID file) {
        UUID id = UUID.randomUUID();
        Rows.execute(
                db,
                "insert into content (id, ap_id, kind, host, community_id, author_id, collection_id, position,"
                        + " file_id, title, language) values (?, ?, 'RESOURCE', 'files.example', ?, ?, ?, 1, ?,"
                        + " 'A worksheet', 'en')",
                id,
                "https://files.example/o/" + id,
                community,
                author,
                collection,
                file);
        return id;
    }

    private UUID attached(UUID owner, MediaPurpose purpose) {
        UUID id = upload(owner, purpose, purpose == MediaPurpose.ICON ? List.of("400", "64") : List.of(Media.FILE));
        Rows.execute(db, "update media set attached_at = now() where id = ?", id);
        return id;
    }

    /** A media row and its variants' bytes in the storage, not attached. */
    private UUID upload(UUID owner, MediaPurpose purpose, List<String> variants) {
        UUID id = UUID.randomUUID();
        byte[] bytes = ("file " + id).getBytes(StandardCharsets.US_ASCII);
        rows.insert(
                        new Media(
                                id,
                                owner,
                                purpose,
                                "application/pdf",
                                variants,
                                variants.stream().map(v -> (long) bytes.length).toList(),
                                "0".repeat(64),
                                "worksheet.pdf",
                                OffsetDateTime.now(ZoneOffset.UTC),
                                null,
                                null),
                        Long.MAX_VALUE)
                .await()
                .atMost(WAIT);
        try {
            Path file = Files.createTempFile("media-cleanup", ".bin");
            try {
                Files.write(file, bytes);
                for (String variant : variants) {
                    storage.put(Media.key(id, variant), file, "application/pdf")
                            .await()
                            .atMost(WAIT);
                }
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }

    private StoredFile stored(UUID id, String variant) {
        StoredFile file = storage.get(Media.key(id, variant), null).await().atMost(WAIT);
        if (file != null) {
            file.body().collect().asList().await().atMost(WAIT); // read to the end, which closes it
        }
        return file;
    }

    private String released(UUID id) {
        return Rows.string(db, "select released_at from media where id = ?", id);
    }

    private String removed(UUID id) {
        return Rows.string(db, "select removed_at from media where id = ?", id);
    }
}
