package org.hhms.simulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HHMS device simulator (README, "Demo"; docs/BENCHMARKS.md). Modes:
 * <ul>
 * <li>{@code cohort} (default): registers a cohort of stable, deteriorating, silent and artefact-prone patients
 * with devices, plays their vital signs through the gateway at {@code --speed} times real time, listens to the
 * alert stream, and judges the alarms against its own NEWS2 of what it sent;</li>
 * <li>{@code latency}: background ingest at {@code --rate} readings/s from {@code --devices} devices while probe
 * patients post one abnormal reading each; reports the time until each probe's alert arrives on the stream;</li>
 * <li>{@code latest}: {@code GET /patient/{id}/latest} at a fixed {@code --rate} (open loop: latency is measured
 * from the planned send time, so a slow answer cannot hide the queue behind it);</li>
 * <li>{@code chaos}: the load of {@code scripts/chaos.sh} ({@link ChaosLoad}): readings and probes that retry like
 * devices, and a ledger of what each was answered.</li>
 * </ul>
 * Signs in as {@code --admin-email} / {@code --admin-password} (default: HHMS_ADMIN_EMAIL / HHMS_ADMIN_PASSWORD,
 * else admin@hhms.local and .run/admin-password).
 */
public final class Simulator {

    private final Map<String, String> options;
    private final Api api;
    private final String adminToken;
    private final Map<String, Object> results = new LinkedHashMap<>();

    Simulator(Map<String, String> options) throws Exception {
        this.options = options;
        this.api = new Api(URI.create(option("base-url", "http://localhost:8080") + "/"));
        String password = options.getOrDefault("admin-password", System.getenv("HHMS_ADMIN_PASSWORD"));
        if (password == null || password.isBlank()) {
            password = Files.readString(Path.of(".run/admin-password")).trim();
        }
        String email = options.getOrDefault("admin-email",
                System.getenv().getOrDefault("HHMS_ADMIN_EMAIL", "admin@hhms.local"));
        this.adminToken = api.login(email, password);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.out.println("""
                    usage: java -jar device-simulator.jar [cohort|latency|latest|chaos] [--option value ...]
                      common:  --base-url http://localhost:8080  --json results.json  --tag demo
                               --admin-email E --admin-password P
                      cohort:  --stable 200 --deteriorating 20 --silent 10 --artefacts 20 --hours 6 --speed 60
                               --every 30 (seconds between heart rate / SpO2 readings) --batch (one POST per
                               patient per tick) --tick-ms 250 --settle 20 (seconds to wait for late alerts)
                               --seed 1
                      latency: --rate 1000 (readings/s) --batch-size 1 --devices 100 --probes 40 --seconds 40
                      latest:  --rate 200 --seconds 20
                      chaos:   --devices 60 --probes 20 --rate 300 --batch-size 10 --probe-every 8
                               --until-file F (or --seconds 600) --grace 90 --ledger .run/chaos/ledger.csv""");
            return;
        }
        Simulator simulator = new Simulator(options);
        String mode = options.getOrDefault("mode", "cohort");
        switch (mode) {
            case "cohort" -> simulator.cohort();
            case "latency" -> simulator.latency();
            case "latest" -> simulator.latest();
            case "chaos" -> simulator.results.putAll(new ChaosLoad(simulator.api, options).run(simulator.adminToken));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        if (options.containsKey("json")) {
            Files.writeString(Path.of(options.get("json")),
                    Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(simulator.results));
            System.out.println("results written to " + options.get("json"));
        }
        System.exit(0);
    }

    // ---- cohort: alarm quality ----

    void cohort() throws Exception {
        Map<Profile, Integer> counts = new LinkedHashMap<>();
        for (Profile profile : Profile.values()) {
            counts.put(profile, Integer.parseInt(option(profile.label(), profile == Profile.STABLE ? "20" : "2")));
        }
        Duration length = Duration.ofMinutes((long) (Double.parseDouble(option("hours", "2")) * 60));
        double speed = Double.parseDouble(option("speed", "60"));
        Duration every = Duration.ofSeconds(Long.parseLong(option("every", "30")));
        boolean batch = options.containsKey("batch");
        long tickMillis = Long.parseLong(option("tick-ms", "250"));
        Instant wallStart = Instant.now();
        Instant simStart = wallStart.minus(length).minusSeconds(60);
        List<Cohort.Member> members = Cohort.register(api, adminToken, option("tag", "demo"), counts, simStart,
                every, length, Long.parseLong(option("seed", "1")));
        System.out.printf("cohort: %d patients %s, %s simulated at %.0fx (about %d s)%n", members.size(), counts,
                length, speed, (long) (length.toSeconds() / speed));

        Map<String, Cohort.Member> byPatient = new HashMap<>();
        members.forEach(m -> byPatient.put(m.patientId(), m));
        Map<String, News2> news2 = new ConcurrentHashMap<>();
        Map<String, Instant> crossed5 = new ConcurrentHashMap<>(); // patient -> when the reading reaching 5 was sent
        Map<String, Instant> crossed5Sim = new ConcurrentHashMap<>();
        Map<String, Long> silencedAt = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        try (AlertListener alerts = new AlertListener(api, adminToken);
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            if (!alerts.awaitConnected(10)) {
                throw new IllegalStateException("the alert stream did not connect");
            }
            Semaphore inFlight = new Semaphore(64);
            long t0 = System.nanoTime();
            Instant simLast = simStart;
            long nextProgress = t0;
            while (true) {
                double wallSeconds = (System.nanoTime() - t0) / 1e9;
                Instant simNow = simStart.plusMillis((long) (wallSeconds * speed * 1000));
                boolean last = !simNow.isBefore(simStart.plus(length));
                if (last) {
                    simNow = simStart.plus(length);
                }
                for (Cohort.Member m : members) {
                    List<Reading> readings = m.model().readings(simLast, simNow);
                    if (m.profile() == Profile.SILENT && readings.isEmpty() && !simNow.isBefore(m.model().silentAt())) {
                        silencedAt.putIfAbsent(m.patientId(), System.nanoTime());
                    }
                    if (readings.isEmpty()) {
                        continue;
                    }
                    inFlight.acquire();
                    senders.submit(() -> {
                        try {
                            send(m, readings, batch, news2, crossed5, crossed5Sim, sent, statuses);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                simLast = simNow;
                if (System.nanoTime() >= nextProgress) {
                    System.out.printf("  t=%3.0fs sim=%s sent=%d statuses=%s alerts=%d%n", wallSeconds,
                            Duration.between(simStart, simNow).withNanos(0), sent.get(), counts(statuses),
                            alerts.arrivals().stream().filter(a -> a.type().equals("alert.created")).count());
                    nextProgress += 5_000_000_000L;
                }
                if (last) {
                    break;
                }
                Thread.sleep(tickMillis);
            }
            inFlight.acquire(64);
            long settle = Long.parseLong(option("settle", "20"));
            System.out.println("  all readings sent; waiting " + settle + " s for the last alerts");
            Thread.sleep(settle * 1000);
            judge(members, length, speed, alerts.arrivals(), crossed5, crossed5Sim, silencedAt, sent.get(), statuses);
        }
    }

    private void send(Cohort.Member m, List<Reading> readings, boolean batch, Map<String, News2> news2,
            Map<String, Instant> crossed5, Map<String, Instant> crossed5Sim, AtomicLong sent,
            Map<Integer, AtomicLong> statuses) {
        News2 score = news2.computeIfAbsent(m.patientId(), p -> new News2());
        List<List<Reading>> requests = batch ? List.of(readings) : readings.stream().map(List::of).toList();
        for (List<Reading> request : requests) {
            Reading first = request.getFirst();
            Object body = request.size() == 1
                    ? first.body("sim-" + m.index() + "-" + first.at().toEpochMilli())
                    : Map.of("readings", request.stream()
                            .map(r -> r.body("sim-" + m.index() + "-" + r.at().toEpochMilli())).toList());
            Instant before = Instant.now();
            postWithRetry(request.size() == 1 ? "/patient/" + m.patientId() : "/patient/batch/" + m.patientId(),
                    m.deviceToken(), body, statuses);
            sent.addAndGet(request.size());
            for (Reading r : request) {
                if (score.add(r) >= 5 && !crossed5.containsKey(m.patientId())) {
                    crossed5.put(m.patientId(), before);
                    crossed5Sim.put(m.patientId(), r.at());
                }
            }
        }
    }

    /**
     * Posts as a device does: a refusal for load (429, 503) or a lost connection is retried after a pause, with the
     * same reading ids (so a retry never stores a reading twice). Every attempt is counted under its status.
     */
    private void postWithRetry(String path, String token, Object body, Map<Integer, AtomicLong> statuses) {
        for (int attempt = 1; attempt <= 6; attempt++) {
            int status = api.call("POST", path, token, body).status();
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            boolean retry = status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
            if (!retry || attempt == 6) {
                return;
            }
            try {
                Thread.sleep(500L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void judge(List<Cohort.Member> members, Duration length, double speed,
            List<AlertListener.Arrival> arrivals, Map<String, Instant> crossed5, Map<String, Instant> crossed5Sim,
            Map<String, Long> silencedAt, long sent, Map<Integer, AtomicLong> statuses) {
        Map<String, List<AlertListener.Arrival>> created = new HashMap<>();
        for (AlertListener.Arrival a : arrivals) {
            if (a.type().equals("alert.created")) {
                created.computeIfAbsent(a.patientId(), p -> new ArrayList<>()).add(a);
            }
        }
        double days = length.toMinutes() / 1440.0;
        Map<String, List<Pages.Page>> pages = Pages.of(api, adminToken, members);
        Map<String, Object> byProfile = new LinkedHashMap<>();
        for (Profile profile : Profile.values()) {
            List<Cohort.Member> group = members.stream().filter(m -> m.profile() == profile).toList();
            if (group.isEmpty()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("patients", group.size());
            long alerts = group.stream().mapToLong(m -> created.getOrDefault(m.patientId(), List.of()).stream()
                    .filter(a -> !"stale_data".equals(a.alert().path("kind").asString())).count()).sum();
            row.put("clinical_alerts", alerts);
            Map<String, Long> kinds = new java.util.TreeMap<>();
            group.forEach(m -> created.getOrDefault(m.patientId(), List.of()).forEach(a -> kinds.merge(
                    a.alert().path("kind").asString("?") + "/" + a.alert().path("severity").asString("?"), 1L,
                    Long::sum)));
            row.put("alerts_by_kind", kinds);
            row.put("clinical_alerts_per_patient_day", Math.round(alerts / (group.size() * days) * 100) / 100.0);
            // What the care team received: every text, and the pages among them (an all-clear asks nothing).
            long texts = group.stream().mapToLong(m -> pages.getOrDefault(m.patientId(), List.of()).size()).sum();
            long clinicalPages = group.stream().mapToLong(m -> pages.getOrDefault(m.patientId(), List.of()).stream()
                    .filter(p -> p.clinical() && p.asksToAct()).count()).sum();
            row.put("sms", texts);
            row.put("sms_per_patient_day", Math.round(texts / (group.size() * days) * 100) / 100.0);
            row.put("clinical_pages_per_patient_day", Math.round(clinicalPages / (group.size() * days) * 100) / 100.0);
            if (profile == Profile.DETERIORATING) {
                List<Double> delaysSim = new ArrayList<>();
                int paged = 0;
                int reached5 = 0;
                for (Cohort.Member m : group) {
                    Instant crossing = crossed5.get(m.patientId());
                    if (crossing == null) {
                        continue;
                    }
                    reached5++;
                    Instant first = Pages.firstPageFor(pages.getOrDefault(m.patientId(), List.of()), crossing);
                    if (first != null) {
                        paged++;
                        delaysSim.add(Duration.between(crossing, first).toMillis() / 1000.0 * speed / 60.0);
                    }
                }
                row.put("reached_news2_5", reached5);
                row.put("paged", paged);
                row.put("paged_share", reached5 == 0 ? 0 : Math.round(paged * 1000.0 / reached5) / 10.0);
                row.put("simulated_minutes_from_news2_5_to_first_page", Percentiles.of(delaysSim, "min"));
                row.put("clinical_alerts_per_patient", Math.round(alerts * 100.0 / group.size()) / 100.0);
            }
            if (profile == Profile.SILENT) {
                long detected = group.stream().filter(m -> created.getOrDefault(m.patientId(), List.of()).stream()
                        .anyMatch(a -> "stale_data".equals(a.alert().path("kind").asString()))).count();
                row.put("silences", silencedAt.size());
                row.put("silences_detected", detected);
            }
            byProfile.put(profile.label(), row);
        }
        results.put("mode", "cohort");
        results.put("simulated_hours", length.toMinutes() / 60.0);
        results.put("speed", speed);
        results.put("readings_sent", sent);
        results.put("statuses", counts(statuses));
        results.put("profiles", byProfile);
        System.out.println("summary: " + Api.JSON.writeValueAsString(results));
    }

    // ---- latency: vital -> alert under background load ----

    void latency() throws Exception {
        double rate = Double.parseDouble(option("rate", "1000"));
        int devices = Integer.parseInt(option("devices", "100"));
        int probes = Integer.parseInt(option("probes", "40"));
        long seconds = Long.parseLong(option("seconds", "40"));
        Map<Profile, Integer> counts = new LinkedHashMap<>();
        counts.put(Profile.STABLE, devices);
        Instant now = Instant.now();
        List<Cohort.Member> background = Cohort.register(api, adminToken, option("tag", "load"), counts,
                now.minusSeconds(3600), Duration.ofSeconds(30), Duration.ofHours(1), 7);
        Map<Profile, Integer> probeCounts = Map.of(Profile.STABLE, probes);
        List<Cohort.Member> probePatients = Cohort.register(api, adminToken, "probe-" + now.toEpochMilli(),
                probeCounts, now, Duration.ofSeconds(30), Duration.ofHours(1), 9);
        Map<String, Long> probeSent = new ConcurrentHashMap<>();
        Map<String, Integer> probeNumber = new ConcurrentHashMap<>();
        List<Double> latencies = new CopyOnWriteArrayList<>();
        // Each probe's latency by its number (1 = the first sent): whether the slowest are the first ones (cold
        // paths) or spread through the run (pauses somewhere on the way).
        Map<Integer, Double> latencyByProbe = new ConcurrentSkipListMap<>();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        try (AlertListener alerts = new AlertListener(api, adminToken);
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            alerts.onArrival(a -> {
                // The first event of the probe's alert, created or already updated: the live stream does not
                // promise their order (the SMS worker can announce its update a moment before the creator's
                // after-commit publish), and either tells the watcher the alert exists.
                Long sentAt = probeSent.remove(a.patientId());
                if (sentAt != null && (a.type().equals("alert.created") || a.type().equals("alert.updated"))) {
                    double ms = (a.nanos() - sentAt) / 1e6;
                    latencies.add(ms);
                    latencyByProbe.put(probeNumber.get(a.patientId()), Math.round(ms * 10) / 10.0);
                }
            });
            if (!alerts.awaitConnected(10)) {
                throw new IllegalStateException("the alert stream did not connect");
            }
            int batchSize = Integer.parseInt(option("batch-size", "1"));
            long interval = (long) (1e9 * batchSize / rate);
            long total = (long) (rate * seconds / batchSize); // requests, each carrying batchSize readings
            Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
            long probeEvery = Math.max(1, total / (probes + 1));
            long t0 = System.nanoTime();
            int probe = 0;
            for (long i = 0; i < total; i++) {
                long due = t0 + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                Cohort.Member m = background.get((int) (i % background.size()));
                List<Map<String, Object>> readings = new ArrayList<>();
                for (int k = 0; k < batchSize; k++) {
                    readings.add(Map.of("heart_rate", 60 + (i + k) % 25, "spo2", 97,
                            "reading_id", "load-" + t0 + "-" + i + "-" + k));
                }
                inFlight.acquire();
                senders.submit(() -> {
                    try (var permit = release(inFlight)) {
                        int status = batchSize == 1
                                ? api.call("POST", "/patient/" + m.patientId(), m.deviceToken(), readings.getFirst())
                                        .status()
                                : api.call("POST", "/patient/batch/" + m.patientId(), m.deviceToken(),
                                        Map.of("readings", readings)).status();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                });
                if (i % probeEvery == probeEvery - 1 && probe < probes) {
                    Cohort.Member p = probePatients.get(probe++);
                    probeNumber.put(p.patientId(), probe);
                    senders.submit(() -> {
                        probeSent.put(p.patientId(), System.nanoTime());
                        api.call("POST", "/patient/" + p.patientId(), p.deviceToken(),
                                Map.of("heart_rate", 185, "spo2", 97));
                    });
                }
                if (i > 0 && i % Math.max(1, (long) (rate * 5 / batchSize)) == 0) {
                    System.out.printf("  t=%3ds requests=%d statuses=%s alerts measured=%d%n",
                            (System.nanoTime() - t0) / 1_000_000_000L, i, counts(statuses), latencies.size());
                }
            }
            results.put("background_batch_size", batchSize);
            double achieved = total * batchSize / ((System.nanoTime() - t0) / 1e9);
            Thread.sleep(5000);
            results.put("mode", "latency");
            results.put("background_readings_per_s_planned", rate);
            results.put("background_readings_per_s_sent", Math.round(achieved));
            results.put("background_statuses", counts(statuses));
            results.put("probes", probes);
            results.put("probes_alerted", latencies.size());
            results.put("reading_to_alert_on_stream", Percentiles.of(latencies));
            results.put("reading_to_alert_ms_by_probe", latencyByProbe);
            System.out.println("reading -> alert on the SSE stream under " + Math.round(achieved) + " readings/s: "
                    + Percentiles.line(Percentiles.of(latencies)) + ", probes without alert: "
                    + (probes - latencies.size()));
        }
    }

    // ---- latest: fixed-rate reads ----

    void latest() throws Exception {
        double rate = Double.parseDouble(option("rate", "200"));
        long seconds = Long.parseLong(option("seconds", "20"));
        Map<Profile, Integer> counts = Map.of(Profile.STABLE, 1);
        Cohort.Member patient = Cohort.register(api, adminToken, option("tag", "latest"), counts,
                Instant.now().minusSeconds(600), Duration.ofSeconds(30), Duration.ofMinutes(10), 3).getFirst();
        api.call("POST", "/patient/" + patient.patientId(), patient.deviceToken(),
                Map.of("heart_rate", 70, "spo2", 97)).require(201, "a reading to read back");
        String path = "/patient/" + patient.patientId() + "/latest";
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long interval = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int warm = 0; warm < 200; warm++) {
                api.status(path, adminToken);
            }
            long t0 = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = t0 + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                inFlight.acquire();
                senders.submit(() -> {
                    try (var permit = release(inFlight)) {
                        int status = api.status(path, adminToken);
                        latencies.add((System.nanoTime() - due) / 1e6);
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                });
            }
        }
        results.put("mode", "latest");
        results.put("rate_per_s", rate);
        results.put("statuses", counts(statuses));
        results.put("latency", Percentiles.of(latencies));
        System.out.println("GET /patient/{id}/latest at " + rate + "/s: " + Percentiles.line(Percentiles.of(latencies))
                + " statuses " + counts(statuses));
    }

    // ---- helpers ----

    /**
     * The open-loop modes keep at most this many requests open: beyond it the sender waits (the achieved rate then
     * falls short of the planned one, and is reported), instead of piling up connections without end.
     */
    private static final int MAX_IN_FLIGHT = 512;

    /** A held permit, given back by try-with-resources. */
    private interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static Permit release(Semaphore semaphore) {
        return semaphore::release;
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private static Map<String, Long> counts(Map<Integer, AtomicLong> statuses) {
        Map<String, Long> out = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> out.put(String.valueOf(status), n.get()));
        return out;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                options.put("mode", arg);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(arg.substring(2), args[++i]);
            } else {
                options.put(arg.substring(2), "true");
            }
        }
        return options;
    }
}
