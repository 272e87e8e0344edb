package org.hhms.web;

import java.util.function.Function;

import jakarta.persistence.EntityManager;

/**
 * How an HHMS repository uses JPA (docs/architecture.md, "Persistence"): entities stay in the repository, which hands
 * out records. A row read is detached before it is turned into one, so a later read in the same transaction reads the
 * table again (after SQL changed it, say); a row written is flushed at once and detached, so SQL that follows in the
 * same transaction (the outbox, a join in a read model) sees it, and a unique violation surfaces at the call that
 * caused it, as a {@link org.springframework.dao.DuplicateKeyException}.
 */
public final class DetachedRows {

    private final EntityManager entityManager;

    public DetachedRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public <E, R> R read(E row, Function<E, R> toRecord) {
        entityManager.detach(row);
        return toRecord.apply(row);
    }

    public void insert(Object row) {
        entityManager.persist(row);
        written(row);
    }

    public void written(Object row) {
        entityManager.flush();
        entityManager.detach(row);
    }
}
