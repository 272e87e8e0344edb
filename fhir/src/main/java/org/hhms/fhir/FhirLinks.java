package org.hhms.fhir;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute links as the client sees them: the base is the address the request came to, as the gateway reports it in
 * its X-Forwarded headers (its own host and port, not the service's), so {@code fullUrl} and paging links work
 * from outside.
 */
public final class FhirLinks {

    private final String base;
    private final UriComponentsBuilder current;

    private FhirLinks(String base, UriComponentsBuilder current) {
        this.base = base;
        this.current = current;
    }

    public static FhirLinks of(HttpServletRequest request) {
        ServletServerHttpRequest http = new ServletServerHttpRequest(request);
        URI uri = ForwardedHeaderUtils.adaptFromForwardedHeaders(http.getURI(), http.getHeaders()).build().toUri();
        String base = UriComponentsBuilder.newInstance().scheme(uri.getScheme()).host(uri.getHost())
                .port(uri.getPort()).path("/fhir").build().toUriString();
        return new FhirLinks(base, UriComponentsBuilder.fromUri(uri));
    }

    /** {@code <base>/fhir}. */
    public String base() {
        return base;
    }

    /** The absolute URL of a resource: {@code <base>/fhir/Observation/<id>}. */
    public String resource(String type, String id) {
        return base + "/" + type + "/" + id;
    }

    /** This request's URL with some query parameters replaced (a next page's link). */
    public String withParameters(Map<String, String> replaced) {
        UriComponentsBuilder link = current.cloneBuilder();
        replaced.forEach((name, value) -> link.replaceQueryParam(name, value));
        return link.build().toUriString();
    }

    /** This request's URL as it came. */
    public String self() {
        return current.build().toUriString();
    }

    /** A searchset Bundle of these resources, with its self link and, when there is one, the next page's. */
    public Bundle searchset(List<? extends Resource> resources, String next) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(self());
        if (next != null) {
            bundle.addLink().setRelation("next").setUrl(next);
        }
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl(resource(resource.fhirType(), resource.getIdPart()))
                    .setResource(resource)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }
}
