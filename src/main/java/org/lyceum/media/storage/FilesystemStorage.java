package org.lyceum.media.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.file.AsyncFile;
import io.vertx.mutiny.core.file.FileSystem;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Files in a local directory, one per key ({@code a/b} is {@code <root>/a/b}), through Vert.x's
 * file system API, which runs the blocking calls on worker threads. A file is written beside its
 * place and moved in atomically. Right for one instance, or several sharing one mounted directory.
 */
public final class FilesystemStorage implements MediaStorage {

    /** Bytes read from a file at a time when serving it, or sending it to S3. */
    static final int READ_BUFFER = 64 * 1024;

    private final FileSystem fs;
    private final Path root;

    public FilesystemStorage(Vertx vertx, Path root) {
        this.fs = vertx.fileSystem();
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Uni<Void> put(String key, Path file, String mediaType) {
        return place(key, part -> fs.copy(file.toString(), part));
    }

    /** A rename on one file system (the default data directory); elsewhere Vert.x copies and deletes. */
    @Override
    public Uni<Void> take(String key, Path file, String mediaType) {
        return place(key, part -> fs.move(file.toString(), part));
    }

    /** Writes a part file beside the target, then moves it over the target atomically. */
    private Uni<Void> place(String key, java.util.function.Function<String, Uni<Void>> write) {
        Path target = path(key);
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        return fs.mkdirs(String.valueOf(target.getParent()))
                .chain(() -> write.apply(part.toString()))
                .chain(() -> fs.move(
                        part.toString(),
                        target.toString(),
                        new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
                .onFailure()
                .call(() -> fs.delete(part.toString()).onFailure().recoverWithNull());
    }

    @Override
    public Uni<@Nullable StoredFile> get(String key, @Nullable ByteRange range) {
        String path = path(key).toString();
        // Opened first and sized through the open file, so that a put replacing it meanwhile
        // cannot pair one file's size with the other's bytes.
        return fs.open(path, new OpenOptions().setRead(true).setCreate(false))
                .chain(file -> file.size()
                        .onFailure()
                        .call(() -> file.close().onFailure().recoverWithNull())
                        .map(size -> read(file, size, range)))
                .onFailure(FilesystemStorage::missing)
                .recoverWithNull();
    }

    private static StoredFile read(AsyncFile file, long size, @Nullable ByteRange range) {
        if (range != null && !range.satisfiable(size)) {
            file.closeAndForget();
            return new StoredFile(size, range, Multi.createFrom().empty());
        }
        if (range != null) {
            file.setReadPos(range.first()).setReadLength(range.length(size));
        }
        // Vert.x reads 8 KiB at a time by default; a download then pays a context switch per 8 KiB.
        file.setReadBufferSize(READ_BUFFER);
        // Closed however the reader ends: at the end, on a failure, or by cancelling.
        Multi<io.vertx.mutiny.core.buffer.Buffer> body = file.toMulti()
                .onTermination()
                .call(() -> file.close().onFailure().recoverWithNull());
        return new StoredFile(size, range, body);
    }

    @Override
    public Uni<Boolean> delete(String key) {
        return fs.delete(path(key).toString())
                .replaceWith(true)
                .onFailure(FilesystemStorage::missing)
                .recoverWithItem(false);
    }

    private Path path(String key) {
        Path p = root.resolve(StorageKey.check(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return p;
    }

    private static boolean missing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }
}
