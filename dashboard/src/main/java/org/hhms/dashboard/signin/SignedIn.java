package org.hhms.dashboard.signin;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * The person signed in to one browser session, with their tokens. It lives in the server's session only: the
 * browser holds an HttpOnly session cookie, never a token. The access token (15 min) is refreshed shortly before it
 * expires, one refresh at a time per session: a refresh token is spent on use, and presenting a spent one again
 * would revoke every token of the person (docs/security.md).
 */
public final class SignedIn implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String role;
    private final String fullName;
    private final String email;
    private String accessToken;
    private Instant accessExpiresAt;
    private String refreshToken;

    private SignedIn(UUID id, String role, String fullName, String email) {
        this.id = id;
        this.role = role;
        this.fullName = fullName;
        this.email = email;
    }

    /** From the user-service's answer to a login: {@code {access_token, expires_in, refresh_token, user}}. */
    public static SignedIn of(JsonNode login, Instant now) {
        JsonNode user = login.get("user");
        SignedIn signedIn = new SignedIn(UUID.fromString(user.get("id").asString()), user.get("role").asString(),
                user.get("full_name").asString(), user.get("email").asString());
        signedIn.take(login, now);
        return signedIn;
    }

    /**
     * An access token valid for at least {@code margin} more, refreshed with {@code refresh} (which takes the
     * refresh token and answers a new pair) when the present one is about to expire.
     */
    public synchronized String accessToken(Instant now, Duration margin, Function<String, JsonNode> refresh) {
        if (now.plus(margin).isAfter(accessExpiresAt)) {
            take(refresh.apply(refreshToken), now);
        }
        return accessToken;
    }

    /** The refresh token, for signing out. */
    public synchronized String refreshToken() {
        return refreshToken;
    }

    private void take(JsonNode tokens, Instant now) {
        accessToken = tokens.get("access_token").asString();
        accessExpiresAt = now.plusSeconds(tokens.get("expires_in").asLong());
        refreshToken = tokens.get("refresh_token").asString();
    }

    public UUID id() {
        return id;
    }

    public String role() {
        return role;
    }

    public String fullName() {
        return fullName;
    }

    public String email() {
        return email;
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public boolean isDoctor() {
        return "doctor".equals(role);
    }

    /** Doctors and caretakers have patients of their own (their care teams); admins see everyone. */
    public boolean hasCareTeams() {
        return "doctor".equals(role) || "caretaker".equals(role);
    }

    @Override
    public String toString() {
        return "SignedIn[" + id + ", " + role + "]";
    }
}
