package org.hhms.users.credentials;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA over {@code credentials}; only {@link CredentialRepository} uses it. */
interface CredentialRows extends JpaRepository<CredentialEntity, UUID> {
}
