package org.hhms.users.auth;

import org.hhms.users.accounts.RegisterUserRequest;
import org.hhms.users.accounts.UserService;
import org.hhms.users.config.UsersProperties;
import org.hhms.users.credentials.CredentialRepository;
import org.hhms.users.credentials.PasswordRule;
import org.hhms.users.credentials.Passwords;
import org.hhms.users.user.UserRepository;
import org.hhms.users.user.UserRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code HHMS_ADMIN_EMAIL} and {@code HHMS_ADMIN_PASSWORD} when no active person has
 * that email; an existing account is left as it is (its password is not reset from the environment).
 */
@Component
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UsersProperties.Admin admin;
    private final UserRepository users;
    private final UserService service;
    private final CredentialRepository credentials;
    private final Passwords passwords;

    public BootstrapAdmin(UsersProperties properties, UserRepository users, UserService service,
            CredentialRepository credentials, Passwords passwords) {
        this.admin = properties.admin();
        this.users = users;
        this.service = service;
        this.credentials = credentials;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (admin.email() == null || admin.email().isBlank() || admin.password() == null
                || admin.password().isBlank()) {
            log.warn("No bootstrap admin: HHMS_ADMIN_EMAIL and HHMS_ADMIN_PASSWORD are not both set");
            return;
        }
        if (!new PasswordRule.Check().isValid(admin.password(), null)) {
            throw new IllegalStateException("HHMS_ADMIN_PASSWORD " + PasswordRule.MESSAGE);
        }
        var existing = users.findActiveByEmail(admin.email().trim());
        if (existing.isPresent()) {
            boolean same = passwords.matches(admin.password(),
                    credentials.passwordHash(existing.get().id()).orElse(null));
            if (same) {
                log.info("Bootstrap admin {} already exists", admin.email());
            } else {
                log.warn("Bootstrap admin {} already exists with another password; it is not changed from "
                        + "HHMS_ADMIN_PASSWORD (sign in with the old one, or PATCH /users/{id} as an admin)",
                        admin.email());
            }
            return;
        }
        try {
            service.register(new RegisterUserRequest(admin.email(), admin.fullName(), UserRole.ADMIN, null, null,
                    admin.password()), null);
            log.info("Created the bootstrap admin {}", admin.email());
        } catch (DuplicateKeyException | org.hhms.web.ApiProblem e) {
            log.info("Bootstrap admin {} was created by another instance", admin.email());
        }
    }
}
