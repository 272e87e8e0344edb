package org.hhms.analytics.evaluation;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One PostgreSQL advisory lock per patient, held to the end of the caller's transaction: two instances, or the
 * consumer and a re-evaluation, never judge one patient at the same time, so what a judgement reads of the patient
 * (its NEWS2 values, open conditions) is what the one before it left. The locks of a batch are taken in one
 * statement, in key order, so two batches never wait for each other in a cycle. A key is the patient's 128-bit id
 * folded to 64 bits: two patients sharing one only judge one after the other.
 */
@Repository
public class PatientLocks {

    private final JdbcClient jdbc;

    public PatientLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(Collection<UUID> patients) {
        if (patients.isEmpty()) {
            return;
        }
        // unnest hands the keys over in array order, and the aggregate takes each lock as its row comes.
        String keys = patients.stream().mapToLong(PatientLocks::key).distinct().sorted().mapToObj(Long::toString)
                .collect(Collectors.joining(",", "{", "}"));
        jdbc.sql("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k")
                .param("keys", keys).query(Long.class).single();
    }

    static long key(UUID patient) {
        return patient.getMostSignificantBits() ^ patient.getLeastSignificantBits();
    }
}
