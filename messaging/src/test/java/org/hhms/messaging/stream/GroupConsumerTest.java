package org.hhms.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What pauses a consumer (an outage: retried, never dead-lettered) and what counts toward the dead letter. */
class GroupConsumerTest {

    @Test
    void outagesAreTransient() {
        assertThat(GroupConsumer.isTransient(new CannotGetJdbcConnectionException("pool", new java.sql.SQLException("refused")))).isTrue();
        assertThat(GroupConsumer.isTransient(new CannotCreateTransactionException("down"))).isTrue();
        assertThat(GroupConsumer.isTransient(new TransactionSystemException("JDBC rollback failed"))).isTrue();
        assertThat(GroupConsumer.isTransient(new DataAccessResourceFailureException("redis"))).isTrue();
        assertThat(GroupConsumer.isTransient(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("timeout")))).isTrue();
    }

    @Test
    void badDataIsNot() {
        assertThat(GroupConsumer.isTransient(new IllegalArgumentException("Entry has no 'event' field"))).isFalse();
        assertThat(GroupConsumer.isTransient(new DataIntegrityViolationException("check constraint"))).isFalse();
        assertThat(GroupConsumer.isTransient(new NullPointerException())).isFalse();
    }
}
