package org.hhms.vitals.reading;

import java.util.List;

/** {@code POST /patient/batch/{patient_id}}: {@code {"readings":[...]}}. */
public record BatchRequest(List<ReadingRequest> readings) {
}
