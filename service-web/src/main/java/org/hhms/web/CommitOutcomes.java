package org.hhms.web;

import java.util.function.Consumer;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Remembers, for the current request, whether one of its transactions committed or ended in doubt (the connection
 * broke during the commit, so nobody can say whether it went through). An error answered afterwards must not claim
 * "nothing was changed" when that is not known ({@link ProblemDetailsAdvice}).
 */
public class CommitOutcomes implements TransactionExecutionListener {

    private static final String ATTRIBUTE = CommitOutcomes.class.getName() + ".outcome";

    /** What the current request's transactions did, as far as can be known. */
    public enum Outcome {
        /** No transaction of this request committed (or none ran): nothing was changed. */
        NOTHING_COMMITTED,
        /** A transaction committed: something was changed. */
        COMMITTED,
        /** A commit failed in a way that leaves its result unknown. */
        IN_DOUBT
    }

    @Override
    public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (beginFailure != null || request == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        watch(outcome -> record(request, outcome));
    }

    /**
     * Tells {@code sink} how the current transaction ended, when that changed something or is unknown (for a
     * transaction run off the requests it serves, such as a group commit: each request then {@link #record}s it).
     */
    public static void watch(Consumer<Outcome> sink) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private boolean committing;

            @Override
            public void beforeCommit(boolean readOnly) {
                committing = true;
            }

            @Override
            public void afterCompletion(int status) {
                // STATUS_UNKNOWN after a commit began: the commit failed and so did the rollback (the connection was
                // lost mid-commit). A failed rollback of a transaction that never tried to commit changed nothing:
                // PostgreSQL aborts an open transaction when its connection goes.
                Outcome outcome = switch (status) {
                    case STATUS_COMMITTED -> Outcome.COMMITTED;
                    case STATUS_UNKNOWN -> committing ? Outcome.IN_DOUBT : null;
                    default -> null;
                };
                if (outcome != null) {
                    sink.accept(outcome);
                }
            }
        });
    }

    /** Records for the current request an outcome of a transaction that ran elsewhere on its behalf. */
    public static void record(Outcome outcome) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && outcome != Outcome.NOTHING_COMMITTED) {
            record(request, outcome);
        }
    }

    private static void record(RequestAttributes request, Outcome outcome) {
        if (outcome == Outcome.IN_DOUBT || current(request) != Outcome.IN_DOUBT) {
            request.setAttribute(ATTRIBUTE, outcome, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The current request's outcome so far. */
    public static Outcome current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? Outcome.NOTHING_COMMITTED : current(request);
    }

    private static Outcome current(RequestAttributes request) {
        return request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Outcome outcome ? outcome
                : Outcome.NOTHING_COMMITTED;
    }
}
