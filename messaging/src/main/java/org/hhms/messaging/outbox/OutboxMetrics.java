package org.hhms.messaging.outbox;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox figures an operator alerts on (docs/operations.md, "Metrics"): rows waiting to be sent (a backlog
 * means Redis is unreachable or the relay is stuck), rows sent but not yet acknowledged by every consumer group, and
 * events replayed or given up.
 */
class OutboxMetrics implements MeterBinder {

    private final OutboxRelay relay;

    OutboxMetrics(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hhms.outbox.waiting", relay, safely(OutboxRelay::waiting))
                .description("Outbox rows not yet sent to Redis").register(registry);
        Gauge.builder("hhms.outbox.unconfirmed", relay, safely(OutboxRelay::unconfirmed))
                .description("Outbox rows sent and kept until every consumer group has acknowledged them")
                .register(registry);
        FunctionCounter.builder("hhms.outbox.replayed", relay, OutboxRelay::replayed)
                .description("Events sent again because Redis no longer held them unjudged").register(registry);
        FunctionCounter.builder("hhms.outbox.expired", relay, OutboxRelay::expired)
                .description("Events given up: never acknowledged within the retention").register(registry);
    }

    /** A figure that needs the database is NaN while it is unreachable, rather than failing the scrape. */
    private static ToDoubleFunction<OutboxRelay> safely(java.util.function.ToLongFunction<OutboxRelay> figure) {
        return relay -> {
            try {
                return figure.applyAsLong(relay);
            } catch (RuntimeException unavailable) {
                return Double.NaN;
            }
        };
    }
}
