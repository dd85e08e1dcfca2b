package org.lyceum.live;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Where one {@link LiveKind} stands: the seqs announced and not delivered yet (delivered one batch
 * at a time, in order) and those delivered lately. Seqs come from an identity column, so a row may
 * commit after one with a higher seq: catching up reads from a little below the highest seq seen
 * and skips what was delivered already.
 */
final class LiveCursor {

    private static final Logger LOG = Logger.getLogger(LiveCursor.class);
    private static final int BATCH = 200;
    private static final int REMEMBERED = 4_096;
    /** How far below the highest seq seen a catch-up looks for rows that committed late. */
    private static final long LATE_WINDOW = 256;

    private static final int CATCH_UP = 2_000;

    private final LiveKind kind;
    private final TreeSet<Long> pending = new TreeSet<>();
    private final Set<Long> delivered = new LinkedHashSet<>();
    private long highest = -1;
    /** The highest seq when this instance started: nothing older is delivered. */
    private long floor = Long.MAX_VALUE;

    private boolean running;

    LiveCursor(LiveKind kind) {
        this.kind = kind;
    }

    /** Starts after the rows written so far. */
    Uni<Long> start() {
        return kind.latest().invoke(latest -> {
            synchronized (this) {
                highest = Math.max(highest, latest);
                floor = latest;
            }
        });
    }

    synchronized void offer(long seq) {
        if (seq <= floor || delivered.contains(seq) || !pending.add(seq)) {
            return;
        }
        highest = Math.max(highest, seq);
        drain();
    }

    /** Reads the seqs written after those seen (and a little before, for late commits). */
    void catchUp() {
        long from;
        synchronized (this) {
            if (highest < 0) {
                return; // not started: start() reads where to begin
            }
            from = Math.max(floor, highest - LATE_WINDOW);
        }
        kind.since(from, CATCH_UP)
                .subscribe()
                .with(
                        seqs -> {
                            seqs.forEach(this::offer);
                            // More was written meanwhile than one read takes: read on from there.
                            if (seqs.size() == CATCH_UP) {
                                catchUp();
                            }
                        },
                        e -> LOG.warnf("Live updates could not catch up on %s: %s", kind.prefix(), e.getMessage()));
    }

    private synchronized void drain() {
        if (running || pending.isEmpty()) {
            return;
        }
        List<Long> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
        while (!pending.isEmpty() && batch.size() < BATCH) {
            long seq = pending.pollFirst();
            batch.add(seq);
            remember(seq);
        }
        running = true;
        kind.deliver(batch).subscribe().with(ok -> done(), e -> {
            LOG.warnf("Live %s events %s were not delivered: %s", kind.prefix(), batch, e.getMessage());
            done();
        });
    }

    private synchronized void done() {
        running = false;
        drain();
    }

    private void remember(long seq) {
        delivered.add(seq);
        if (delivered.size() > REMEMBERED) {
            var oldest = delivered.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
