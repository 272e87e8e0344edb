package org.hhms.testsupport;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The FHIR tests' calls: a GET as a given token, its status and FHIR media type asserted, the body parsed by HAPI. */
public final class FhirCalls {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private FhirCalls() {
    }

    public static <T extends IBaseResource> T read(RestTestClient client, String path, String token, int status,
            Class<T> type) {
        String body = client.get().uri(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .exchange().expectStatus().isEqualTo(status).expectHeader().contentTypeCompatibleWith(FHIR_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return parse(body, type);
    }

    public static <T extends IBaseResource> T parse(String json, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, json);
    }

    public static String encode(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
