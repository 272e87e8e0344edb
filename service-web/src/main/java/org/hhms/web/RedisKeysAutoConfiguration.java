package org.hhms.web;

import org.hhms.contracts.RedisKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Makes {@link RedisKeys} available to every service, from {@code hhms.redis.key-prefix} (empty by default). */
@AutoConfiguration
public class RedisKeysAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisKeys redisKeys(@Value("${hhms.redis.key-prefix:}") String keyPrefix) {
        return new RedisKeys(keyPrefix);
    }
}
