package org.jincai.routes;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * How an inbox consumer marks the file it is taking, so that no other consumer takes it meanwhile.
 *
 * <p>On one node ({@link #local()}, the default) Camel's in-memory in-progress repository does: only this node
 * reads its inboxes. When several nodes share the database and may read the same inboxes ({@link #shared}),
 * every inbox route's in-progress repository is Camel's {@link JdbcOrphanLockAwareIdempotentRepository} on the
 * hub's database (table {@code CAMEL_MESSAGEPROCESSED}, one processor name per route): a node inserts the file's
 * key (its path) before it takes the file, so a second node polling the same folder skips it. While it works
 * the taker refreshes its claim every {@code keepAlive}; once the file is archived or moved to the error folder
 * the claim is no longer refreshed. A claim not refreshed for {@code maxAge} is free again: a finished file's
 * is then no longer needed (the file has left the inbox), and a file whose node was lost mid-file is taken by
 * whichever node polls next (what the file carried is applied once either way: vouchers by their keys, answers
 * and statements by their digests). A new file under a finished one's name waits until that claim has aged.
 */
public final class InboxClaims {

    /** Camel's table of claims, created by the hub's migrations. */
    static final String TABLE = "CAMEL_MESSAGEPROCESSED";

    private final DataSource dataSource;
    private final Duration maxAge;
    private final Duration keepAlive;

    private InboxClaims(DataSource dataSource, Duration maxAge, Duration keepAlive) {
        this.dataSource = dataSource;
        this.maxAge = maxAge;
        this.keepAlive = keepAlive;
    }

    /** One node: claims in memory, as Camel does by default. */
    public static InboxClaims local() {
        return new InboxClaims(null, null, null);
    }

    /** Several nodes: claims in the shared database, free again after {@code maxAge} without a refresh. */
    public static InboxClaims shared(DataSource dataSource, Duration maxAge, Duration keepAlive) {
        if (maxAge.compareTo(keepAlive.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("jincai.cluster: a claim's maximum age (" + maxAge
                    + ") must be at least twice its refresh interval (" + keepAlive + ")");
        }
        return new InboxClaims(dataSource, maxAge, keepAlive);
    }

    /** Whether the claims are shared with other nodes (the hub runs as a cluster). */
    public boolean shared() {
        return dataSource != null;
    }

    /**
     * The consumer options that make route {@code routeId} claim each file: none locally; with shared claims,
     * the route's database repository, bound in {@code camel}'s registry under a name of its own.
     */
    public String consumerOptions(CamelContext camel, String routeId) {
        if (!shared()) {
            return "";
        }
        JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(dataSource,
                routeId, camel);
        claims.setCreateTableIfNotExists(false);
        claims.setLockMaxAgeMillis(maxAge.toMillis());
        claims.setLockKeepAliveIntervalMillis(keepAlive.toMillis());
        // A finished file's claim is not deleted: it stops being refreshed and ages out. Deleted at once, it
        // would let a node that listed the folder before the file was archived claim it afterwards and find it
        // gone (a stray failure for a file taken well). Once aged, a new file under the same name is taken.
        claims.setDeleteString("UPDATE " + TABLE + " SET createdAt = createdAt WHERE processorName = ? AND messageId = ?");
        String name = "inboxClaims-" + routeId;
        camel.getRegistry().bind(name, claims);
        return "&inProgressRepository=#" + name;
    }
}
