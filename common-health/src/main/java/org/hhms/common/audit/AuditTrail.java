package org.hhms.common.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The append-only audit trail of this service (table {@code audit_events}; UPDATE, DELETE and TRUNCATE are refused
 * by a trigger). Records are queued by the request and written in batches every 200 ms by one writer, so a read
 * costs no database round trip; a graceful stop writes what is queued. While the database is down records wait in
 * the queue (up to {@value #CAPACITY}) and are retried.
 */
public class AuditTrail implements SmartLifecycle {

    static final String PATIENT_ATTRIBUTE = AuditTrail.class.getName() + ".patient";
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcTemplate jdbc;
    private final JdbcClient query;
    private final String service;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Thread writer;
    private volatile boolean running;

    public AuditTrail(JdbcTemplate jdbc, String service, Clock clock) {
        this.jdbc = jdbc;
        this.query = JdbcClient.create(jdbc);
        this.service = service;
        this.clock = clock;
    }

    /** Names the patient the current request concerns, for its audit record (called by every access check). */
    public static void aboutPatient(UUID patientId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && patientId != null) {
            attributes.setAttribute(PATIENT_ATTRIBUTE, patientId, RequestAttributes.SCOPE_REQUEST);
        }
    }

    public void record(UUID actorId, String actorRole, String action, UUID patientId, String target, int status,
            String requestId, String clientAddress) {
        AuditEvent event = new AuditEvent(null, clock.instant(), service, actorId, actorRole, action, patientId,
                target, status, requestId, clientAddress);
        if (!queue.offer(event)) {
            log.error("Audit queue full ({} records unwritten): dropped {}", CAPACITY, event);
        }
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

    /** Writes everything queued so far (tests and shutdown). */
    public void flush() {
        List<AuditEvent> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            write(batch);
            batch.clear();
        }
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
        List<AuditEvent> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Cannot write {} audit records yet, retrying: {}", batch.size(), e.toString());
                if (!running) {
                    return;
                }
                sleep();
            }
        }
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
