package org.hhms.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Redis scripts read once from the classpath. {@code RedisScript.of(Resource)} asks the resource for its
 * modification time on every call, which inside a packaged jar means opening the nested jar and throwing a caught
 * {@code FileNotFoundException}: measured at a noticeable share of an ingest request's CPU. A script's text never
 * changes while the service runs.
 */
public final class RedisScripts {

    private RedisScripts() {
    }

    /** The script made of these classpath resources, one after the other (Redis scripts cannot import). */
    public static <T> RedisScript<T> load(Class<T> resultType, String... paths) {
        StringBuilder text = new StringBuilder();
        for (String path : paths) {
            try {
                text.append(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the Redis script " + path, e);
            }
        }
        return RedisScript.of(text.toString(), resultType);
    }
}
