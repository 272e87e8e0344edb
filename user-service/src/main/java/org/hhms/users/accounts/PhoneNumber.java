package org.hhms.users.accounts;

/** Phone numbers are stored in E.164 so Twilio can text them as they are. */
final class PhoneNumber {

    /** A plus, a country code that does not start with 0, at most 15 digits in all. */
    static final String E164 = "^\\+[1-9]\\d{6,14}$";
    static final String MESSAGE = "must be an E.164 phone number such as +15555550123";

    private PhoneNumber() {
    }
}
