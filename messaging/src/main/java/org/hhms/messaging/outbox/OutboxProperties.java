package org.hhms.messaging.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay of a service that publishes events; enabled by setting {@code hhms.outbox.lock-key}.
 *
 * @param lockKey         PostgreSQL advisory lock key, distinct per service, so one relay at a time sends
 * @param batchSize       rows sent per transaction
 * @param streamMaxLength safety cap of the streams ({@code XADD MAXLEN ~}); normally a stream holds only what some
 *                        consumer group has not acknowledged yet, and an entry the cap trims unjudged is sent again
 * @param interval        how often the relay looks for rows the after-commit nudges did not send
 * @param confirmInterval how often it asks the consumer groups how far they are, to delete what they have judged
 * @param retention       how long a sent row is kept at most while no consumer group acknowledges it
 */
@ConfigurationProperties("hhms.outbox")
public record OutboxProperties(Long lockKey, @DefaultValue("500") int batchSize,
        @DefaultValue("1000000") long streamMaxLength, @DefaultValue("250ms") Duration interval,
        @DefaultValue("1s") Duration confirmInterval, @DefaultValue("24h") Duration retention) {
}
