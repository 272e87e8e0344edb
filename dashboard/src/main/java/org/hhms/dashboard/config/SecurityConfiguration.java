package org.hhms.dashboard.config;

import java.time.Clock;
import java.util.Map;

import org.hhms.dashboard.api.ApiException;
import org.hhms.dashboard.api.HhmsApi;
import org.hhms.dashboard.api.Service;
import org.hhms.dashboard.signin.SignedIn;
import org.hhms.dashboard.signin.UserServiceSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Sessions, CSRF and sign-in. The session lives on the server (Tomcat); its cookie is HttpOnly, SameSite=Lax and
 * Secure when the request came over TLS (application.yml). Every state-changing form and htmx request carries the
 * session's CSRF token (a meta tag read by app.js). A request without a session goes to the sign-in page, or, from
 * htmx, gets a 401 with {@code HX-Redirect} so the whole page moves there.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecurityFilterChain pages(HttpSecurity http, UserServiceSignIn signIn, HhmsApi api) throws Exception {
        LoginUrlAuthenticationEntryPoint toSignIn = new LoginUrlAuthenticationEntryPoint("/sign-in");
        http.authenticationProvider(signIn)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/sign-in", "/health", "/assets/**", "/webjars/**", "/error").permitAll()
                        .requestMatchers("/admin/**").hasAnyRole("ADMIN", "DOCTOR")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/sign-in").usernameParameter("email")
                        .passwordParameter("password").defaultSuccessUrl("/", true)
                        .failureHandler((request, response, exception) -> {
                            request.getSession().setAttribute("signInError",
                                    exception instanceof AuthenticationServiceException
                                            ? exception.getMessage()
                                            : "Email or password is wrong (" + exception.getMessage() + ")");
                            response.sendRedirect("/sign-in?error");
                        }))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out")
                        .addLogoutHandler(revokeRefreshToken(api)).deleteCookies("JSESSIONID"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, exception) -> {
                    if (request.getHeader("HX-Request") != null || request.getRequestURI().startsWith("/inbox/events")) {
                        response.setHeader("HX-Redirect", "/sign-in?expired");
                        response.sendError(401);
                    } else {
                        toSignIn.commence(request, response, exception);
                    }
                }))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")));
        return http.build();
    }

    /** Signing out spends the refresh token too, so a copy of it is worth nothing afterwards. */
    private static LogoutHandler revokeRefreshToken(HhmsApi api) {
        return (request, response, authentication) -> {
            if (authentication != null && authentication.getPrincipal() instanceof SignedIn who) {
                try {
                    api.anonymous(HttpMethod.POST, Service.USERS, "/users/logout",
                            Map.of("refresh_token", who.refreshToken()), api.accessToken(who));
                } catch (ApiException | org.hhms.dashboard.api.SessionEnded e) {
                    // Already revoked or the user-service is away: the session ends here regardless.
                }
            }
        };
    }
}
