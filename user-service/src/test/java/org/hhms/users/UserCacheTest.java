package org.hhms.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reads are served from Redis, and a change is visible on the very next read. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserCacheTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_cache");
    }

    @Test
    void aReadFillsTheCacheByIdAndByEmail() {
        UUID id = register("patient", "Cached Carl");
        String email = get("/users/" + id, 200).get("email").asString();
        assertThat(redis.hasKey(keys.key("hhms:users:cache:id:" + id))).isTrue();
        assertThat(redis.hasKey(keys.key("hhms:users:cache:email:" + email))).isTrue();
    }

    @Test
    void theCacheIsWhatAnswersOnAHit() {
        UUID id = register("patient", "Cached Cora");
        get("/users/" + id, 200);
        String key = keys.key("hhms:users:cache:id:" + id);
        // Tamper with the cached copy: if reads come from the cache, the tampered name shows.
        String cached = redis.opsForValue().get(key);
        redis.opsForValue().set(key, cached.replace("Cached Cora", "From Cache"));
        assertThat(get("/users/" + id, 200).get("full_name").asString()).isEqualTo("From Cache");
    }

    @Test
    void aPatchIsVisibleAtOnceOnTheNextGetByIdAndByEmail() {
        UUID id = register("patient", "Before Patch");
        String oldEmail = get("/users/" + id, 200).get("email").asString();
        get("/users/email/" + oldEmail, 200);
        String newEmail = "after." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        client.patch().uri("/users/" + id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("full_name", "After Patch", "email", newEmail)).exchange().expectStatus().isOk();
        assertThat(get("/users/" + id, 200).get("full_name").asString()).isEqualTo("After Patch");
        assertThat(get("/users/email/" + newEmail, 200).get("full_name").asString()).isEqualTo("After Patch");
        get("/users/email/" + oldEmail, 404);
    }

    @Test
    void aDeactivatedUserIsNotServedFromTheCache() {
        UUID id = register("patient", "Soon Gone");
        get("/users/" + id, 200);
        client.delete().uri("/users/" + id).exchange().expectStatus().isNoContent();
        get("/users/" + id, 404);
    }
}
