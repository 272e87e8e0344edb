package org.hhms.vitals.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.hhms.web.ApiProblem;
import org.hhms.web.CommitOutcomes;
import org.hhms.web.CommitOutcomes.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: work submitted by concurrent requests is done together, in one transaction (one statement per
 * table, one commit), by a few writer threads; a request waits for its part. No request waits for others to arrive:
 * a writer takes whatever has queued while the previous group was being written, so at low load each is written
 * alone, at once, and under load groups grow by themselves and a commit's cost is shared.
 * <p>
 * A group that fails is written again one by one, each in its own transaction, so one request's failure is never
 * another's. Each request learns how its transaction ended ({@link CommitOutcomes}: its error must not claim
 * "nothing was changed" when a commit is in doubt).
 *
 * @param <T> what a request submits
 * @param <R> what it is answered
 */
final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate transactions;
    private final Function<List<T>, List<R>> writeTogether;
    private final int maxGroup;
    private final IntConsumer groupSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param writeTogether writes a group in the current transaction and answers each item, in order
     * @param writerCount   writer threads: two let one group gather while the other is written
     * @param groupSizes    told the size of every group written
     */
    GroupCommit(String name, TransactionTemplate transactions, Function<List<T>, List<R>> writeTogether,
            int maxGroup, int writerCount, IntConsumer groupSizes) {
        this.transactions = transactions;
        this.groupSizes = groupSizes;
        this.writeTogether = writeTogether;
        this.maxGroup = maxGroup;
        for (int i = 0; i < writerCount; i++) {
            writers.add(Thread.ofVirtual().name(name + "-" + i).start(this::write));
        }
    }

    /** Writes {@code item} with whatever else is waiting and answers it, or throws what its transaction threw. */
    R submit(T item) {
        if (stopped) {
            throw shuttingDown();
        }
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        if (stopped && queue.remove(pending)) {
            // Stopped between the check and the queueing: no writer would ever answer it.
            throw shuttingDown();
        }
        try {
            Written<R> written = pending.answer().get();
            CommitOutcomes.record(written.outcome());
            if (written.failure() != null) {
                throw written.failure();
            }
            return written.value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("Interrupted while the reading was being written: send it again");
        } catch (ExecutionException e) {
            throw new IllegalStateException("A group commit failed unexpectedly", e.getCause());
        }
    }

    /** Stops the writers; what is still queued is answered 503 (nothing of it was written). */
    void stop() {
        stopped = true;
        writers.forEach(Thread::interrupt);
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            left.answer().complete(new Written<>(null, Outcome.NOTHING_COMMITTED,
                    shuttingDown()));
        }
    }

    private void write() {
        while (!stopped) {
            List<Pending<T, R>> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            groupSizes.accept(group.size());
            try {
                writeGroup(group);
            } catch (RuntimeException | Error e) {
                log.error("A group commit of {} items failed unexpectedly", group.size(), e);
                group.forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private void writeGroup(List<Pending<T, R>> group) {
        AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.NOTHING_COMMITTED);
        List<R> answers;
        try {
            answers = transactions.execute(status -> {
                CommitOutcomes.watch(outcome::set);
                return writeTogether.apply(group.stream().map(Pending::item).toList());
            });
        } catch (RuntimeException e) {
            if (group.size() == 1 || outcome.get() == Outcome.IN_DOUBT) {
                // Alone, or in doubt (a retry could not tell this group's writes from an earlier request's).
                group.forEach(p -> p.answer().complete(new Written<>(null, outcome.get(), e)));
                return;
            }
            log.debug("A group of {} failed ({}); writing each alone", group.size(), e.toString());
            group.forEach(p -> writeGroup(List.of(p)));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(new Written<>(answers.get(i), outcome.get(), null));
        }
    }

    private static ApiProblem shuttingDown() {
        return ApiProblem.unavailable("The service is shutting down: not stored; send it again");
    }

    private record Pending<T, R>(T item, CompletableFuture<Written<R>> answer) {
    }

    private record Written<R>(R value, Outcome outcome, RuntimeException failure) {
    }
}
