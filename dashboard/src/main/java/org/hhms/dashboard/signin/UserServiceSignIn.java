package org.hhms.dashboard.signin;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Signs a person in with the user-service's {@code POST /users/login}: the user-service checks the password and
 * counts attempts per account; the dashboard keeps the tokens it answers in the server session ({@link SignedIn}).
 * Its answers are passed on as they are: a wrong email or password, too many attempts, a service unavailable.
 */
@Component
public class UserServiceSignIn implements AuthenticationProvider {

    private final HhmsApi api;
    private final Clock clock;

    public UserServiceSignIn(HhmsApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        JsonNode login;
        try {
            login = api.anonymous(HttpMethod.POST, Service.USERS, "/users/login",
                    Map.of("email", email, "password", password), null);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 400) {
                throw new BadCredentialsException(e.getMessage());
            }
            throw new AuthenticationServiceException(e.getMessage());
        }
        SignedIn signedIn = SignedIn.of(login, clock.instant());
        return UsernamePasswordAuthenticationToken.authenticated(signedIn, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + signedIn.role().toUpperCase())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
