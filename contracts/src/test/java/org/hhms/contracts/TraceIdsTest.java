package org.hhms.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdsTest {

    @ParameterizedTest
    @ValueSource(strings = { "abc-123", "0f8fad5b-d9cb-469f-a165-70867728950e", "trace.1:2_3" })
    void keepsASafeCallerId(String id) {
        assertThat(TraceIds.acceptOrCreate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "bad id with spaces", "line\nbreak", "<script>" })
    void replacesAMissingOrUnsafeIdWithAUuid(String id) {
        assertThat(TraceIds.acceptOrCreate(id)).matches("[0-9a-f-]{36}");
    }
}
