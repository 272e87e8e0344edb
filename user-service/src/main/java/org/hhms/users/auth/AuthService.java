package org.hhms.users.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.hhms.tokens.CallerRole;
import org.hhms.tokens.JwtTokens;
import org.hhms.users.config.UsersProperties;
import org.hhms.users.credentials.CredentialRepository;
import org.hhms.users.credentials.OpaqueTokens;
import org.hhms.users.credentials.Passwords;
import org.hhms.users.user.User;
import org.hhms.users.user.UserRepository;
import org.hhms.users.user.UserResponse;
import org.hhms.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing in: a password gives an access token and a refresh token; a refresh token gives a new pair and is
 * spent; logging out spends it. A spent token presented again revokes every refresh token of that person.
 */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final String WRONG = "Email or password is wrong, or the account has no password";

    private final UserRepository users;
    private final CredentialRepository credentials;
    private final Passwords passwords;
    private final JwtTokens tokens;
    private final UsersProperties properties;
    private final Clock clock;
    private final LoginThrottle throttle;

    public AuthService(UserRepository users, CredentialRepository credentials, Passwords passwords,
            JwtTokens tokens, UsersProperties properties, Clock clock, LoginThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.credentials = credentials;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public TokenResponse login(LoginRequest request) {
        throttle.attempt(request.email());
        User user = users.findActiveByEmail(request.email().trim()).orElse(null);
        String hash = user == null ? null : credentials.passwordHash(user.id()).orElse(null);
        if (!passwords.matches(request.password(), hash)) {
            throw unauthorized(WRONG);
        }
        return issue(user).response();
    }

    /** A refusal keeps what it wrote: the revocation of every token when a spent one is presented again. */
    @Transactional(noRollbackFor = ApiProblem.class)
    public TokenResponse refresh(RefreshRequest request) {
        Instant now = now();
        CredentialRepository.RefreshToken token = credentials.lockRefreshToken(OpaqueTokens.sha256(request.refreshToken()))
                .orElseThrow(() -> unauthorized("Unknown refresh token; sign in again"));
        if (token.revokedAt() != null) {
            int revoked = credentials.revokeAllRefreshTokens(token.userId(), now);
            log.warn("Spent refresh token {} of user {} presented again: revoked their {} other refresh tokens",
                    token.id(), token.userId(), revoked);
            throw unauthorized("This refresh token was already used or revoked; sign in again");
        }
        if (!token.expiresAt().isAfter(now)) {
            throw unauthorized("This refresh token expired at " + token.expiresAt() + "; sign in again");
        }
        User user = users.findActive(token.userId())
                .orElseThrow(() -> unauthorized("This account is no longer active"));
        Issued successor = issue(user);
        credentials.revokeRefreshToken(token.id(), successor.refreshId(), now);
        return successor.response();
    }

    /** Spends a refresh token of the caller (another person's token is refused as unknown). */
    @Transactional
    public void logout(RefreshRequest request, UUID callerId) {
        CredentialRepository.RefreshToken token = credentials.lockRefreshToken(OpaqueTokens.sha256(request.refreshToken()))
                .filter(t -> t.userId().equals(callerId))
                .orElseThrow(() -> ApiProblem.invalidField("refresh_token", "is not a refresh token of yours"));
        credentials.revokeRefreshToken(token.id(), null, now());
    }

    private record Issued(UUID refreshId, TokenResponse response) {
    }

    private Issued issue(User user) {
        Instant now = now();
        String refresh = OpaqueTokens.random();
        UUID refreshId = UUID.randomUUID();
        credentials.insertRefreshToken(refreshId, user.id(), OpaqueTokens.sha256(refresh), now,
                now.plus(properties.refreshTokenTtl()));
        String access = tokens.person(user.id(), CallerRole.fromClaim(user.role().json()), properties.accessTokenTtl());
        return new Issued(refreshId, new TokenResponse(access, "Bearer", properties.accessTokenTtl().toSeconds(),
                refresh, properties.refreshTokenTtl().toSeconds(), UserResponse.of(user)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
    }
}
