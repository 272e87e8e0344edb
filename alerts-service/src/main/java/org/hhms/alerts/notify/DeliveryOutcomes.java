package org.hhms.alerts.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * What becomes of a notification, told to whoever owns the alert it belongs to (the alert lifecycle), inside the
 * transaction that records the attempt: sending knows nothing of alerts, alerts decide what an outcome means.
 */
public interface DeliveryOutcomes {

    /** The provider accepted a text of the alert. */
    void sent(UUID alertId, Instant now);

    /** A try failed; {@code finalFailure} when no further try will be made. */
    void failed(UUID alertId, String error, boolean finalFailure, Instant now);
}
