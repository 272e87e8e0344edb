package org.hhms.dashboard.api;

/** The person's refresh token was refused (signed out elsewhere, password changed, deactivated): sign in again. */
public class SessionEnded extends RuntimeException {

    public SessionEnded(String reason) {
        super(reason);
    }
}
