package org.hhms.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every probe at once, each on its own virtual thread, and waits for all of them together for at most the
 * configured timeout: a hung dependency makes its own entry unhealthy and never delays the answer past the timeout.
 */
public class HealthChecker implements AutoCloseable {

    private final String service;
    private final List<DependencyProbe> probes;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public HealthChecker(String service, List<DependencyProbe> probes, Duration timeout) {
        this.service = service;
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
    }

    public ServiceHealth check() {
        Map<String, CompletableFuture<DependencyHealth>> running = new LinkedHashMap<>();
        for (DependencyProbe probe : probes) {
            running.put(probe.name(), CompletableFuture.supplyAsync(() -> timed(probe), executor));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, DependencyHealth> results = new LinkedHashMap<>();
        running.forEach((name, future) -> results.put(name, await(future, deadline)));
        boolean healthy = results.values().stream().noneMatch(d -> d.status() == HealthStatus.UNHEALTHY);
        return new ServiceHealth(service, healthy ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY, results);
    }

    private DependencyHealth await(CompletableFuture<DependencyHealth> future, long deadline) {
        long remaining = Math.max(0, deadline - System.nanoTime());
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return DependencyHealth.unhealthy("No answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DependencyHealth.unhealthy("Interrupted");
        } catch (ExecutionException | CompletionException e) {
            return DependencyHealth.unhealthy(describe(e.getCause()));
        }
    }

    private static DependencyHealth timed(DependencyProbe probe) {
        long start = System.nanoTime();
        try {
            DependencyProbe.Finding finding = probe.inspect();
            return DependencyHealth.of(finding, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (Exception e) {
            return DependencyHealth.unhealthy(describe(e));
        }
    }

    /** The innermost cause's message names the real problem ("Connection refused"), not the wrapper's. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
