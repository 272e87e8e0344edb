package org.hhms.users.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hhms.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Sign-in attempts counted here, in the user-service itself, whoever calls it (the gateway's limit per address
 * does not see a call made to this service's own port, and fails open while Redis is down): per account, 10
 * attempts at once and then one every 6 s — guessing one person's password from many addresses is slowed as much
 * as from one. Kept in memory: an instance restart forgets it, and several instances each allow that much (the
 * gateway's limit in front still holds).
 */
@Component
public class LoginThrottle {

    static final int BURST = 10;
    static final Duration REFILL = Duration.ofSeconds(6);
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Takes one attempt for this email, or throws a 429 saying when the next is allowed. */
    public void attempt(String email) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket bucket = buckets.compute(email.trim().toLowerCase(Locale.ROOT),
                (key, current) -> (current == null ? new Bucket(BURST, now) : current.refill(now)).take());
        if (!bucket.taken()) {
            long wait = Math.max(1, Duration.between(now, bucket.nextAt()).toSeconds() + 1);
            ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in attempts for this "
                    + "account: at most " + BURST + " at once, then one every " + REFILL.toSeconds() + " s; retry in "
                    + wait + " s");
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            throw problem;
        }
    }

    /** Attempts left (whole ones) as of {@code at}, whether the last take succeeded. */
    private record Bucket(double tokens, Instant at, boolean taken) {
        Bucket(double tokens, Instant at) {
            this(tokens, at, false);
        }

        Bucket refill(Instant now) {
            double gained = Duration.between(at, now).toMillis() / (double) REFILL.toMillis();
            return new Bucket(Math.min(BURST, tokens + Math.max(0, gained)), now, false);
        }

        Bucket take() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }

        boolean full(Instant now) {
            return refill(now).tokens() >= BURST;
        }

        Instant nextAt() {
            return at.plusMillis((long) ((1 - tokens) * REFILL.toMillis()));
        }
    }
}
