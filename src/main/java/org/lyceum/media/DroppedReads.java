package org.lyceum.media;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.event.Observes;
import java.nio.channels.AsynchronousCloseException;
import org.jboss.logging.Logger;

/**
 * A browser that stops a download (a video seeked, a tab closed) cancels the file's read; the read
 * Vert.x had already started then fails with AsynchronousCloseException, after anyone listens, and
 * Mutiny reports such failures as dropped, at ERROR. That one is the client's doing, so it is logged
 * at DEBUG; every other dropped failure is logged at ERROR as before.
 */
final class DroppedReads {

    private static final Logger LOG = Logger.getLogger(DroppedReads.class);

    private DroppedReads() {}

    static void install(@Observes StartupEvent start) {
        Infrastructure.setDroppedExceptionHandler(e -> {
            if (e instanceof AsynchronousCloseException) {
                LOG.debugf("a file read ended by its reader going away: %s", e);
            } else {
                LOG.error("Mutiny had to drop the following exception", e);
            }
        });
    }
}
