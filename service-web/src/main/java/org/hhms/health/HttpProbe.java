package org.hhms.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks a named HTTP dependency: healthy when a GET of its URL answers 2xx. */
public class HttpProbe implements DependencyProbe {

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public HttpProbe(String name, URI url, Duration timeout) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void check() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
    }
}
