package org.hhms.fhir;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute FHIR links as clients see them: the configured public address ({@link FhirProperties}) with the request's
 * own path and query, so {@code fullUrl} and paging links work from outside whichever instance answered.
 */
public class FhirLinks {

    private final String base;

    public FhirLinks(FhirProperties properties) {
        this.base = properties.base();
    }

    /** {@code <public url>/fhir}. */
    public String base() {
        return base;
    }

    /** The absolute URL of a resource: {@code <base>/Observation/<id>}. */
    public String resource(String type, String id) {
        return base + "/" + type + "/" + id;
    }

    /** This request's URL (path after /fhir and query as sent) on the public address. */
    public String self(HttpServletRequest request) {
        return encoded(current(request));
    }

    /** This request's URL with some query parameters replaced (a next page's link); values must be URL-safe. */
    public String withParameters(HttpServletRequest request, Map<String, String> replaced) {
        UriComponentsBuilder link = current(request);
        replaced.forEach(link::replaceQueryParam);
        return encoded(link);
    }

    /** The query as the client encoded it; should it hold a character a URL may not, encoded here. */
    private static String encoded(UriComponentsBuilder link) {
        try {
            return link.build(true).toUriString();
        } catch (IllegalArgumentException notEncoded) {
            return link.build().encode().toUriString();
        }
    }

    /** A searchset Bundle of these resources, with its self link and, when there is one, the next page's. */
    public Bundle searchset(HttpServletRequest request, List<? extends Resource> resources, String next) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(self(request));
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

    private UriComponentsBuilder current(HttpServletRequest request) {
        String path = request.getRequestURI();
        String afterFhir = path.startsWith("/fhir") ? path.substring("/fhir".length()) : path;
        String query = request.getQueryString();
        return UriComponentsBuilder.fromUriString(base + afterFhir + (query == null ? "" : "?" + query));
    }
}
