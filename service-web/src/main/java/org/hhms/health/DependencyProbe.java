package org.hhms.health;

import java.util.Map;

/** One dependency a service needs (its database, Redis, another service), checked by {@link HealthChecker}. */
public interface DependencyProbe {

    /** The name the dependency has in the health document, e.g. {@code postgres}. */
    String name();

    /** Returns normally when the dependency answered correctly, throws otherwise. May block; the caller times it out. */
    void check() throws Exception;

    /**
     * Checks the dependency and says what was found: by default {@link #check()} and nothing more. A probe that
     * measures something returns its figures, and a problem worth showing that leaves the service able to serve
     * ({@link HealthStatus#DEGRADED}).
     */
    default Finding inspect() throws Exception {
        check();
        return Finding.FINE;
    }

    /** {@code problem} is null when all is well; {@code figures} are shown in the dependency's entry. */
    record Finding(String problem, Map<String, Object> figures) {

        public static final Finding FINE = new Finding(null, Map.of());
    }
}
