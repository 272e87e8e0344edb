package org.hhms.fhir;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where clients reach HHMS (the gateway), as they see it: the FHIR links — {@code fullUrl}, a page's
 *                  {@code next} — start with it and {@code /fhir} ({@code HHMS_PUBLIC_URL}). Configured rather than
 *                  read from the request's forwarded headers, which a client could set.
 */
@ConfigurationProperties("hhms.fhir")
public record FhirProperties(@DefaultValue("http://localhost:8080") URI publicUrl) {

    public FhirProperties {
        if (publicUrl.getScheme() == null || publicUrl.getHost() == null
                || !(publicUrl.getScheme().equals("http") || publicUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("hhms.fhir.public-url (HHMS_PUBLIC_URL) must be an http(s) address "
                    + "such as https://hhms.example.org, got '" + publicUrl + "'");
        }
    }

    /** {@code <public url>/fhir}, without a trailing slash. */
    public String base() {
        String url = publicUrl.toString();
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/fhir";
    }
}
