package org.hhms.dashboard.api;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.hhms.dashboard.config.DashboardProperties;
import org.hhms.dashboard.signin.SignedIn;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HHMS API as the signed-in person: every call carries their own access token, so each service decides what
 * this person may see and do exactly as it does for curl (docs/security.md), and the dashboard adds no rights of
 * its own. Instances of a service are taken in turn; one that refuses the connection is skipped for the next.
 * An error answer becomes an {@link ApiException} with the service's own detail; an unreachable service a 503 one.
 */
@Component
public class HhmsApi {

    private final Map<Service, List<URI>> instances = new EnumMap<>(Service.class);
    private final AtomicInteger turn = new AtomicInteger();
    private final RestClient client;
    private final DashboardProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    public HhmsApi(DashboardProperties properties, Clock clock, JsonMapper json) {
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        instances.put(Service.USERS, properties.userService());
        instances.put(Service.PATIENT_DATA, properties.patientDataService());
        instances.put(Service.ANALYTICS, properties.analyticsService());
        instances.put(Service.ALERTS, properties.alertsService());
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.callTimeout());
        this.client = RestClient.builder().requestFactory(factory).build();
    }

    public JsonNode get(SignedIn who, Service service, String path) {
        return call(who, HttpMethod.GET, service, path, null);
    }

    /**
     * The answer, or null when the service answers one of {@code absent} (a 404: nothing there yet; a 403: not this
     * person's to see) — for the parts of a page that are shown only when there is something this person may see.
     */
    public JsonNode getOrNull(SignedIn who, Service service, String path, int... absent) {
        try {
            return get(who, service, path);
        } catch (ApiException e) {
            for (int status : absent) {
                if (e.status() == status) {
                    return null;
                }
            }
            throw e;
        }
    }

    public JsonNode post(SignedIn who, Service service, String path, Object body) {
        return call(who, HttpMethod.POST, service, path, body);
    }

    public JsonNode put(SignedIn who, Service service, String path, Object body) {
        return call(who, HttpMethod.PUT, service, path, body);
    }

    public JsonNode delete(SignedIn who, Service service, String path) {
        return call(who, HttpMethod.DELETE, service, path, null);
    }

    /** A call without a person's token: sign-in, refresh and sign-out. */
    public JsonNode anonymous(HttpMethod method, Service service, String path, Object body, String bearer) {
        return exchange(method, service, path, body, bearer);
    }

    /** The base address of one instance of a service (the first), for a long-lived stream. */
    public URI streamBase(Service service) {
        List<URI> list = instances.get(service);
        return list.get(Math.floorMod(turn.getAndIncrement(), list.size()));
    }

    /** The person's access token, refreshed when about to expire (a refused refresh ends the session). */
    public String accessToken(SignedIn who) {
        return who.accessToken(clock.instant(), properties.refreshBefore(), refreshToken -> {
            try {
                return exchange(HttpMethod.POST, Service.USERS, "/users/token/refresh",
                        Map.of("refresh_token", refreshToken), null);
            } catch (ApiException e) {
                if (e.status() == 401 || e.status() == 400) {
                    throw new SessionEnded(e.getMessage());
                }
                throw e;
            }
        });
    }

    private JsonNode call(SignedIn who, HttpMethod method, Service service, String path, Object body) {
        return exchange(method, service, path, body, accessToken(who));
    }

    private JsonNode exchange(HttpMethod method, Service service, String path, Object body, String bearer) {
        List<URI> list = instances.get(service);
        int first = turn.getAndIncrement();
        ResourceAccessException last = null;
        for (int i = 0; i < list.size(); i++) {
            URI base = list.get(Math.floorMod(first + i, list.size()));
            try {
                RestClient.RequestBodySpec request = client.method(method).uri(base + path)
                        .accept(MediaType.APPLICATION_JSON);
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                if (body != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                return request.exchange((req, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    byte[] bytes = response.getBody().readAllBytes();
                    JsonNode answer = bytes.length == 0 ? null : json.readTree(bytes);
                    if (status.isError()) {
                        String detail = answer != null && answer.hasNonNull("detail") ? answer.get("detail").asString()
                                : "HTTP " + status.value();
                        throw new ApiException(status.value(), detail);
                    }
                    return answer;
                });
            } catch (ResourceAccessException e) {
                last = e;
                if (!(e.getCause() instanceof ConnectException)) {
                    break; // it reached the instance: never send a request twice
                }
            }
        }
        throw new ApiException(503, "The " + service.name().toLowerCase().replace('_', '-')
                + " service cannot be reached right now (" + (last == null ? "no instance" : last.getMessage())
                + "); try again in a moment");
    }
}
