package org.hhms.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of a fault-injection run ({@code scripts/chaos.sh}): devices posting single readings and batches at a
 * fixed rate, with one abnormal probe reading (heart rate 185) per probe patient mixed in, every reading with its
 * own {@code reading_id}. Like a real device, a request that got no answer or a 502/503/504/429 is sent again, the
 * same body, with backoff, until it is answered or the run's grace period ends. It runs until {@code --until-file}
 * exists (or {@code --seconds} pass), then writes the ledger: one line per reading with the last answer it got, so
 * the script can check what the system stored against what it acknowledged.
 */
final class ChaosLoad {

    /** What happened to one reading: its identity, probe or load, the last status, tries, and any 500 seen. */
    record Outcome(String patientId, String readingId, String kind, int status, int attempts, boolean saw500) {
    }

    private final Api api;
    private final Map<String, String> options;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Outcome> ledger = new ConcurrentLinkedQueue<>();
    private final AtomicLong retries = new AtomicLong();
    /** Until when unanswered requests are sent again: the end of the load plus the grace period. */
    private volatile long retryUntil = Long.MAX_VALUE;

    ChaosLoad(Api api, Map<String, String> options) {
        this.api = api;
        this.options = options;
    }

    Map<String, Object> run(String adminToken) throws Exception {
        int devices = Integer.parseInt(options.getOrDefault("devices", "60"));
        int probes = Integer.parseInt(options.getOrDefault("probes", "20"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "300"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size", "10"));
        long probeEvery = Long.parseLong(options.getOrDefault("probe-every", "8"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "600"));
        Duration grace = Duration.ofSeconds(Long.parseLong(options.getOrDefault("grace", "90")));
        Path untilFile = options.containsKey("until-file") ? Path.of(options.get("until-file")) : null;
        Path ledgerFile = Path.of(options.getOrDefault("ledger", ".run/chaos/ledger.csv"));
        String run = Long.toString(System.currentTimeMillis(), 36);

        Instant now = Instant.now();
        List<Cohort.Member> load = Cohort.register(api, adminToken, "chaos-" + run, Map.of(Profile.STABLE, devices),
                now.minusSeconds(3600), Duration.ofSeconds(30), Duration.ofHours(1), 11);
        List<Cohort.Member> probePatients = Cohort.register(api, adminToken, "chaos-probe-" + run,
                Map.of(Profile.STABLE, probes), now, Duration.ofSeconds(30), Duration.ofHours(1), 13);
        System.out.printf("chaos load: %d devices, %d probe patients, %.0f readings/s (singles and batches of %d)%n",
                devices, probes, rate, batchSize);

        long t0 = System.nanoTime();
        long end = t0 + Duration.ofSeconds(seconds).toNanos();
        double readingsPerRequest = (1 + batchSize) / 2.0;
        long interval = (long) (1e9 * readingsPerRequest / rate);
        Semaphore inFlight = new Semaphore(256);
        int probe = 0;
        long sentReadings = 0;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; System.nanoTime() < end && (untilFile == null || !Files.exists(untilFile)); i++) {
                long wait = t0 + i * interval - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Cohort.Member device = load.get((int) (i % load.size()));
                int size = i % 2 == 0 ? 1 : batchSize;
                List<Map<String, Object>> readings = new ArrayList<>(size);
                String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                for (int k = 0; k < size; k++) {
                    Map<String, Object> reading = new LinkedHashMap<>();
                    reading.put("timestamp", at);
                    reading.put("heart_rate", 60 + (i + k) % 25);
                    reading.put("spo2", 97);
                    reading.put("reading_id", "chaos-" + run + "-" + i + "-" + k);
                    readings.add(reading);
                }
                sentReadings += size;
                inFlight.acquire();
                senders.submit(() -> {
                    try {
                        send(device.patientId(), device.deviceToken(), readings, "load");
                    } finally {
                        inFlight.release();
                    }
                });
                long elapsed = System.nanoTime() - t0;
                if (probe < probes && elapsed >= Duration.ofSeconds(probeEvery).toNanos() * (probe + 1)) {
                    sendProbe(senders, probePatients.get(probe++), run);
                }
                if (i > 0 && i % Math.max(1, (long) (rate * 10 / readingsPerRequest)) == 0) {
                    System.out.printf("  t=%3ds readings=%d statuses=%s retries=%d probes=%d%n",
                            elapsed / 1_000_000_000L, sentReadings, counts(), retries.get(), probe);
                }
            }
            retryUntil = System.nanoTime() + grace.toNanos();
            while (probe < probes) { // a run cut short still sends every probe
                sendProbe(senders, probePatients.get(probe++), run);
            }
            System.out.println("chaos load: stopped sending; waiting for the last retries");
        }
        writeLedger(ledgerFile);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("mode", "chaos");
        results.put("readings", ledger.size());
        results.put("probes", probes);
        results.put("statuses", counts());
        results.put("retries", retries.get());
        results.put("ledger", ledgerFile.toString());
        System.out.println("chaos load: " + ledger.size() + " readings, answers " + counts() + ", " + retries.get()
                + " retries; ledger " + ledgerFile);
        return results;
    }

    private void sendProbe(ExecutorService senders, Cohort.Member patient, String run) {
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        reading.put("heart_rate", 185);
        reading.put("spo2", 97);
        reading.put("reading_id", "probe-" + run + "-" + patient.index());
        senders.submit(() -> send(patient.patientId(), patient.deviceToken(), List.of(reading), "probe"));
    }

    /** Posts until answered (2xx or a 4xx) or the grace period ends; records each reading's last answer. */
    private void send(String patientId, String token, List<Map<String, Object>> readings, String kind) {
        boolean single = readings.size() == 1;
        Object body = single ? readings.getFirst() : Map.of("readings", readings);
        String path = single ? "/patient/" + patientId : "/patient/batch/" + patientId;
        int attempts = 0;
        boolean saw500 = false;
        int status;
        long backoff = 250;
        while (true) {
            attempts++;
            status = api.call("POST", path, token, body).status();
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            saw500 |= status == 500;
            boolean retryable = status == 0 || status == 429 || status == 502 || status == 503 || status == 504
                    || status == 500;
            if (!retryable || System.nanoTime() + backoff * 1_000_000 > retryUntil) {
                break;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(backoff * 2, 4000);
        }
        for (Map<String, Object> reading : readings) {
            ledger.add(new Outcome(patientId, reading.get("reading_id").toString(), kind, status, attempts, saw500));
        }
    }

    private void writeLedger(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        StringBuilder csv = new StringBuilder();
        for (Outcome o : ledger) {
            csv.append(o.patientId()).append(',').append(o.readingId()).append(',').append(o.kind()).append(',')
                    .append(o.status()).append(',').append(o.attempts()).append(',').append(o.saw500()).append('\n');
        }
        Files.writeString(file, csv);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status == 0 ? "no answer" : String.valueOf(status), n.get()));
        return counts;
    }
}
