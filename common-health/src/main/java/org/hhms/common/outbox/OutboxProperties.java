package org.hhms.common.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay of a service that publishes events; enabled by setting {@code hhms.outbox.lock-key}.
 *
 * @param lockKey         PostgreSQL advisory lock key, distinct per service, so one relay at a time sends
 * @param batchSize       rows sent per transaction
 * @param streamMaxLength approximate cap of the streams ({@code XADD MAXLEN ~})
 * @param interval        how often the relay looks for rows the after-commit nudges did not send
 */
@ConfigurationProperties("hhms.outbox")
public record OutboxProperties(Long lockKey, @DefaultValue("500") int batchSize,
        @DefaultValue("1000000") long streamMaxLength, @DefaultValue("250ms") Duration interval) {
}
