package org.hhms.users.credentials;

import org.hhms.users.config.UsersProperties;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Passwords are kept as bcrypt hashes only, and are never logged or returned. */
@Component
public class Passwords {

    private final BCryptPasswordEncoder encoder;
    /** Compared against when the email is unknown, so a wrong email takes as long as a wrong password. */
    private final String decoy;

    public Passwords(UsersProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.decoy = encoder.encode("decoy-password-for-unknown-emails");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }
}
