package org.hhms.fhir;

/**
 * The identifier systems of HHMS's own ids, the same in every service: an Observation's identifier, and the
 * references a DetectedIssue or a Patient makes by identifier to readings, devices and people.
 */
public final class HhmsIdentifiers {

    /** A reading's {@code reading_id} (the device's idempotency key). */
    public static final String READING_ID = "urn:hhms:reading-id";
    /** The id a device was registered with. */
    public static final String DEVICE_ID = "urn:hhms:device-id";
    /** A person's HHMS user id. */
    public static final String USER_ID = "urn:hhms:user-id";

    private HhmsIdentifiers() {
    }
}
