package org.hhms.users;

import org.hhms.testsupport.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The unique index, not a check in code, decides between concurrent registrations of one address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentRegistrationTest extends UsersApiSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_concurrent");
    }

    @Test
    void twentyParallelRegistrationsOfOneEmailInDifferentCaseGiveExactlyOne201() throws Exception {
        String local = "race." + UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                String email = (i % 2 == 0 ? local.toUpperCase() : local) + "@Example.org";
                String body = mapper.writeValueAsString(Map.of("email", email, "full_name", "Racer " + i,
                        "role", "patient"));
                results.add(pool.submit(() -> {
                    start.await();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/users/register"))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin())).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            Map<Integer, Long> counts = statuses.stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 19L));
        }
        assertThat(get("/users/email/" + local + "@example.org", 200).get("email").asString())
                .isEqualTo(local + "@example.org");
    }
}
