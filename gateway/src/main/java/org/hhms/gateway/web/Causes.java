package org.hhms.gateway.web;

import java.util.function.Predicate;

/** Looks down an error's chain of causes (a proxied request's failure comes wrapped, by Reactor and the retry). */
public final class Causes {

    private Causes() {
    }

    /** Whether the error or one of its causes is of this type. */
    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return any(error, type::isInstance);
    }

    /** Whether the error or one of its causes matches. */
    public static boolean any(Throwable error, Predicate<Throwable> test) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
