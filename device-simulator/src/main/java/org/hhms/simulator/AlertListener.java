package org.hhms.simulator;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * Listens to {@code GET /alerts/stream} (as an admin: every patient) and records when each alert event arrives.
 * Reconnects if the stream drops.
 */
final class AlertListener implements AutoCloseable {

    /** One event as it arrived: its SSE name, the alert JSON, and the arrival time (wall clock, nanoTime). */
    record Arrival(String type, JsonNode alert, Instant at, long nanos) {

        String patientId() {
            return alert.path("patient_id").asString("");
        }
    }

    private final Api api;
    private final String token;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile InputStream stream;
    private volatile Consumer<Arrival> onArrival = a -> { };

    AlertListener(Api api, String token) {
        this.api = api;
        this.token = token;
        this.thread = Thread.ofPlatform().daemon().name("alert-stream").start(this::listen);
    }

    void onArrival(Consumer<Arrival> callback) {
        this.onArrival = callback;
    }

    boolean awaitConnected(long seconds) throws InterruptedException {
        return connected.await(seconds, TimeUnit.SECONDS);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    private void listen() {
        while (running) {
            HttpRequest request = HttpRequest.newBuilder(api.uri("/alerts/stream"))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET().build();
            try {
                HttpResponse<InputStream> response = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                stream = response.body();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("alert stream answered " + response.statusCode());
                }
                connected.countDown();
                read(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                if (running) {
                    System.err.println("alert stream: " + e.getMessage() + "; reconnecting");
                    sleep();
                }
            }
        }
    }

    private void read(BufferedReader reader) throws java.io.IOException {
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            } else if (line.isEmpty()) {
                if (event != null && !data.isEmpty()) {
                    Arrival arrival = new Arrival(event, Api.JSON.readTree(data.toString()), Instant.now(),
                            System.nanoTime());
                    arrivals.add(arrival);
                    onArrival.accept(arrival);
                }
                event = null;
                data.setLength(0);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            InputStream s = stream;
            if (s != null) {
                s.close();
            }
        } catch (java.io.IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
