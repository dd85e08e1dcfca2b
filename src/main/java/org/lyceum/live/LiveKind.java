package org.lyceum.live;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * One kind of live event: rows of a table ordered by a {@code seq} column, announced on channel
 * {@code lyceum_live} as {@code <prefix>:<seq>} by a trigger. {@link LiveHub} hands each kind the
 * seqs announced, and after a lost connection those written meanwhile; the kind reads its rows
 * and delivers them to this instance's subscribers. A new kind is a bean implementing this.
 */
public interface LiveKind {

    /** What payloads of this kind start with, before the colon ({@code activity}). */
    String prefix();

    /** The highest seq written so far: where this instance starts listening. */
    Uni<Long> latest();

    /** Seqs written after {@code after}, oldest first, at most {@code limit}. */
    Uni<List<Long>> since(long after, int limit);

    /** Reads the rows with these seqs and delivers them to their subscribers on this instance. */
    Uni<Void> deliver(List<Long> seqs);
}
