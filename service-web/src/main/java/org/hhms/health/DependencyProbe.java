package org.hhms.health;

/** One dependency a service needs (its database, Redis, another service), checked by {@link HealthChecker}. */
public interface DependencyProbe {

    /** The name the dependency has in the health document, e.g. {@code postgres}. */
    String name();

    /** Returns normally when the dependency answered correctly, throws otherwise. May block; the caller times it out. */
    void check() throws Exception;
}
