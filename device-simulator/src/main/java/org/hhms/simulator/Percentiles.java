package org.hhms.simulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles of measured latencies (nearest rank), never averages. */
final class Percentiles {

    private Percentiles() {
    }

    static Map<String, Object> of(List<Double> millis) {
        return of(millis, "ms");
    }

    /** {@code count}, {@code p50_<unit>}, {@code p90_}, {@code p99_}, {@code p99_9_}, {@code max_}. */
    static Map<String, Object> of(List<Double> values, String unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", values.size());
        if (values.isEmpty()) {
            return out;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (double p : new double[] { 50, 90, 99, 99.9 }) {
            out.put("p" + (p == Math.floor(p) ? String.valueOf((int) p) : String.valueOf(p)).replace('.', '_')
                    + "_" + unit, round(rank(sorted, p)));
        }
        out.put("max_" + unit, round(sorted[sorted.length - 1]));
        return out;
    }

    static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String line(Map<String, Object> p) {
        return Arrays.asList("p50_ms", "p90_ms", "p99_ms", "max_ms").stream()
                .map(k -> k.replace("_ms", "") + " " + p.getOrDefault(k, "-") + " ms")
                .reduce((a, b) -> a + ", " + b).orElse("") + " (n=" + p.get("count") + ")";
    }
}
