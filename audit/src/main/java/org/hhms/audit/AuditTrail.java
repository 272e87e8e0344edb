package org.hhms.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only audit trail of this service (table {@code audit_events}; UPDATE, DELETE and TRUNCATE are refused
 * by a trigger). A record is as durable as the answer it describes: the request hands it to one writer, which
 * commits whatever records have arrived in one batch (group commit: one round trip for many concurrent requests),
 * and the request's answer waits for that commit ({@link AuditInterceptor}). Nothing is dropped: a full queue makes
 * requests wait, and while the database is down the records are retried and their requests answered 503.
 */
public class AuditTrail implements SmartLifecycle {

    private static final int CAPACITY = 100_000;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcTemplate jdbc;
    private final JdbcClient query;
    private final String service;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Thread writer;
    private volatile boolean running;
    private volatile int inFlight;

    public AuditTrail(JdbcTemplate jdbc, String service, Clock clock) {
        this.jdbc = jdbc;
        this.query = JdbcClient.create(jdbc);
        this.service = service;
        this.clock = clock;
    }

    /**
     * Hands a record to the writer; the future completes once it is committed (or fails when the queue stayed full
     * for {@code timeout}).
     */
    public CompletableFuture<Void> record(UUID actorId, String actorRole, String action, UUID patientId,
            String target, int status, String requestId, String clientAddress, Duration timeout) {
        AuditEvent event = new AuditEvent(null, clock.instant(), service, actorId, actorRole, action, patientId,
                target, status, requestId, clientAddress);
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pending.written().completeExceptionally(new IllegalStateException("audit queue full (" + CAPACITY
                        + " records waiting for the database)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.written().completeExceptionally(e);
        }
        return pending.written();
    }

    /** Records handed over and not yet committed (an operator's metric: it grows while the database is away). */
    public int waiting() {
        return queue.size() + inFlight;
    }

    /** Newest first, optionally for one patient and/or one actor, from {@code since}. */
    public List<AuditEvent> find(UUID patientId, UUID actorId, Instant since, int limit) {
        return query.sql("""
                SELECT id, occurred_at, service, actor_id, actor_role, action, patient_id, target, status,
                       request_id, client_address
                  FROM audit_events
                 WHERE (CAST(:patient AS uuid) IS NULL OR patient_id = :patient)
                   AND (CAST(:actor AS uuid) IS NULL OR actor_id = :actor)
                   AND occurred_at >= :since
                 ORDER BY occurred_at DESC, id DESC
                 LIMIT :limit
                """).param("patient", patientId).param("actor", actorId)
                .param("since", Timestamp.from(since)).param("limit", limit)
                .query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("service"), rs.getObject("actor_id", UUID.class), rs.getString("actor_role"),
                        rs.getString("action"), rs.getObject("patient_id", UUID.class), rs.getString("target"),
                        rs.getInt("status"), rs.getString("request_id"), rs.getString("client_address")))
                .list();
    }

    private void write(List<AuditEvent> batch) {
        jdbc.batchUpdate("""
                INSERT INTO audit_events (occurred_at, service, actor_id, actor_role, action, patient_id, target,
                                          status, request_id, client_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch, batch.size(), (ps, e) -> {
            ps.setTimestamp(1, Timestamp.from(e.occurredAt()));
            ps.setString(2, e.service());
            ps.setObject(3, e.actorId());
            ps.setString(4, e.actorRole());
            ps.setString(5, e.action());
            ps.setObject(6, e.patientId());
            ps.setString(7, e.target());
            ps.setInt(8, e.status());
            ps.setString(9, e.requestId());
            ps.setString(10, e.clientAddress());
        });
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    inFlight = batch.size();
                }
                write(batch.stream().map(Pending::event).toList());
                batch.forEach(p -> p.written().complete(null));
                batch.clear();
                inFlight = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Cannot write {} audit records yet, retrying: {}", batch.size(), e.toString());
                if (!running) {
                    abandon(batch);
                    return;
                }
                sleep();
            }
        }
    }

    /** Stopping while the database is away: whoever still waits is told the record was not written. */
    private void abandon(List<Pending> batch) {
        queue.drainTo(batch);
        IllegalStateException stopping = new IllegalStateException("service stopping; audit record not written");
        batch.forEach(p -> p.written().completeExceptionally(stopping));
        batch.clear();
        inFlight = 0;
    }

    /** A record and the future its request waits on. */
    private record Pending(AuditEvent event, CompletableFuture<Void> written) {
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().daemon().name("audit-writer").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the web server (whose requests record) and before the DataSource closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
