package org.hhms.dashboard.api;

/**
 * A service answered an error (its problem details' {@code detail}), or could not be reached ({@code status} 503).
 * Pages show the detail as it is: the API's words name what was wrong.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean forbidden() {
        return status == 403;
    }
}
