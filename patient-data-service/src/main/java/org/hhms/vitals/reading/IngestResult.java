package org.hhms.vitals.reading;

import java.util.List;

/** What an ingest did: the readings as stored, in request order, and how many of them were new. */
public record IngestResult(List<Reading> readings, int created) {

    public boolean anyCreated() {
        return created > 0;
    }
}
