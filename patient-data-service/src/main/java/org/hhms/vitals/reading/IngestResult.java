package org.hhms.vitals.reading;

import java.util.List;
import java.util.Set;

/**
 * What an ingest did: the readings as stored, in request order, and the ids of those that were new (a reading sent
 * twice in one batch is new once: its first copy).
 */
public record IngestResult(List<Reading> readings, Set<String> createdIds) {

    public int created() {
        return createdIds.size();
    }

    public boolean anyCreated() {
        return !createdIds.isEmpty();
    }
}
