package org.hhms.messaging.stream;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * For each stream consumer of the service, the figures an operator alerts on (docs/operations.md, "Metrics"):
 * {@code hhms.stream.lag} (entries not yet delivered to the group), {@code hhms.stream.pending} (delivered, not yet
 * acknowledged) and {@code hhms.stream.dead_letters}. Read from Redis when scraped, at most once a second; NaN
 * while Redis is unreachable.
 */
public class StreamConsumerMetrics implements SmartInitializingSingleton {

    private final ListableBeanFactory beans;
    private final MeterRegistry registry;
    private final GroupBacklog backlogs;

    public StreamConsumerMetrics(ListableBeanFactory beans, MeterRegistry registry, StringRedisTemplate redis) {
        this.beans = beans;
        this.registry = registry;
        this.backlogs = new GroupBacklog(redis);
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (GroupConsumer consumer : beans.getBeansOfType(GroupConsumer.class).values()) {
            Backlog backlog = new Backlog(consumer.stream(), consumer.group());
            Tags tags = Tags.of("stream", consumer.stream(), "group", consumer.group());
            Gauge.builder("hhms.stream.lag", backlog, b -> b.read()[1]).tags(tags)
                    .description("Entries of the stream not yet delivered to the consumer group").register(registry);
            Gauge.builder("hhms.stream.pending", backlog, b -> b.read()[0]).tags(tags)
                    .description("Entries delivered to the group and not yet acknowledged").register(registry);
            Gauge.builder("hhms.stream.dead_letters", backlog, b -> b.read()[2])
                    .tags(Tags.of("stream", consumer.stream()))
                    .description("Entries moved to the dead-letter stream").register(registry);
        }
    }

    /** One group's figures, read together and kept for a second so one scrape costs one script call. */
    private final class Backlog {
        private final String stream;
        private final String group;
        private final AtomicReference<double[]> last = new AtomicReference<>();
        private volatile long readAt;

        Backlog(String stream, String group) {
            this.stream = stream;
            this.group = group;
        }

        double[] read() {
            long now = System.nanoTime();
            double[] cached = last.get();
            if (cached != null && now - readAt < 1_000_000_000L) {
                return cached;
            }
            double[] figures;
            try {
                GroupBacklog.Figures read = backlogs.read(stream, group);
                figures = new double[] { read.pending(), read.lag() < 0 ? Double.NaN : read.lag(),
                        read.deadLetters() };
            } catch (RuntimeException unavailable) {
                figures = new double[] { Double.NaN, Double.NaN, Double.NaN };
            }
            last.set(figures);
            readAt = now;
            return figures;
        }
    }
}
