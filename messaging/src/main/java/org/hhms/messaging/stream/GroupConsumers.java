package org.hhms.messaging.stream;

import java.time.Clock;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.EventCodec;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes a service's stream consumers: one consumer group, one instance name, one set of settings. */
public class GroupConsumers {

    private final StringRedisTemplate redis;
    private final EventCodec codec = new EventCodec();
    private final TransactionTemplate transactions;
    private final RedisKeys keys;
    private final String group;
    private final String consumerName;
    private final GroupConsumer.Settings settings;
    private final Clock clock;

    public GroupConsumers(StringRedisTemplate redis, TransactionTemplate transactions,
            RedisKeys keys, String group, String consumerName, GroupConsumer.Settings settings, Clock clock) {
        this.clock = clock;
        this.redis = redis;
        this.transactions = transactions;
        this.keys = keys;
        this.group = group;
        this.consumerName = consumerName;
        this.settings = settings;
    }

    /** A consumer of {@code stream} (e.g. {@code hhms:users}, under the key prefix) feeding {@code handler}. */
    public GroupConsumer of(String stream, EventHandler handler) {
        return new GroupConsumer(redis, codec, transactions, keys.key(stream), group, consumerName, handler,
                settings, clock);
    }
}
