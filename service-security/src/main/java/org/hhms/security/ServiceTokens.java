package org.hhms.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

import org.hhms.tokens.JwtTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Signs this service's own calls to the other services with a short service token, renewed before it expires.
 * Add it to every {@code RestClient} that calls another HHMS service.
 */
public class ServiceTokens implements ClientHttpRequestInterceptor {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final JwtTokens tokens;
    private final String serviceName;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    public ServiceTokens(JwtTokens tokens, String serviceName) {
        this.tokens = tokens;
        this.serviceName = serviceName;
    }

    public String bearer() {
        Instant now = tokens.clock().instant();
        if (now.isAfter(renewAt)) {
            token = tokens.service(serviceName, TTL);
            renewAt = now.plus(TTL).minus(RENEW_BEFORE);
        }
        return token;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        request.getHeaders().setBearerAuth(bearer());
        return execution.execute(request, body);
    }

    /**
     * A client for another HHMS service: 1 s to connect, {@code readTimeout} to answer, every call signed with this
     * service's token.
     */
    public RestClient client(URI baseUrl, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
        factory.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl.toString()).requestFactory(factory).requestInterceptor(this)
                .build();
    }

    /** For callers that build headers themselves. */
    public void addTo(HttpHeaders headers) {
        headers.setBearerAuth(bearer());
    }
}
