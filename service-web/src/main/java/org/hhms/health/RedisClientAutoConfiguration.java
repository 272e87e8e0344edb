package org.hhms.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.lettuce.core.ClientOptions;

/**
 * Makes Redis commands fail at once while the connection is down, instead of queueing until the command timeout:
 * a cache read then falls back to the database without delay, and health names the real problem. Lettuce keeps
 * reconnecting in the background, so everything recovers by itself when Redis returns.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
public class RedisClientAutoConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer hhmsRejectCommandsWhileDisconnected() {
        return options -> options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
