package org.hhms.common.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Makes {@link RedisKeys} available to every service. */
@AutoConfiguration
@EnableConfigurationProperties(RedisKeys.class)
public class RedisKeysAutoConfiguration {
}
