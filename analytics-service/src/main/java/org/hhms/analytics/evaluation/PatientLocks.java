package org.hhms.analytics.evaluation;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One PostgreSQL advisory lock per patient, held to the end of the caller's transaction: two instances, or the
 * consumer and a re-evaluation, never judge one patient at the same time, so what a judgement reads of the patient
 * (its NEWS2 values, open conditions) is what the one before it left. The locks of a batch are taken in one
 * statement, in key order, so two batches never wait for each other in a cycle. A key is the patient's 128-bit id
 * folded to 64 bits: two patients sharing one only judge one after the other. Asking again in the same transaction
 * for locks it holds costs no statement (the consumer locks before its claim, the evaluator for everyone else).
 */
@Repository
public class PatientLocks {

    private final JdbcClient jdbc;

    public PatientLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(Collection<UUID> patients) {
        Set<Long> held = heldInThisTransaction();
        Set<Long> wanted = patients.stream().map(PatientLocks::key).filter(k -> !held.contains(k))
                .collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return;
        }
        // unnest hands the keys over in array order, and the aggregate takes each lock as its row comes.
        String keys = wanted.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        jdbc.sql("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k")
                .param("keys", keys).query(Long.class).single();
        held.addAll(wanted);
    }

    /**
     * The keys this transaction has locked. Kept with a synchronization of the transaction: Spring suspends those
     * with it (a transaction started inside, on its own connection, starts with none) and drops them when it ends,
     * as PostgreSQL releases the locks.
     */
    private static Set<Long> heldInThisTransaction() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Held held) {
                return held.keys;
            }
        }
        Held held = new Held();
        TransactionSynchronizationManager.registerSynchronization(held);
        return held.keys;
    }

    private static final class Held implements TransactionSynchronization {

        final Set<Long> keys = new HashSet<>();
    }

    static long key(UUID patient) {
        return patient.getMostSignificantBits() ^ patient.getLeastSignificantBits();
    }
}
