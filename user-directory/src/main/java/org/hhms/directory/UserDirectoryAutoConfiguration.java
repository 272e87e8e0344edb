package org.hhms.directory;

import java.time.Clock;

import org.hhms.security.CareTeamLookup;
import org.hhms.security.SecurityProperties;
import org.hhms.security.ServiceTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The user-service as the other services see it: the typed client, and care teams for authorization (cached, fail
 * closed), for every service that is not the user-service itself (which answers from its own tables).
 */
@AutoConfiguration(beforeName = "org.hhms.security.HhmsSecurityAutoConfiguration",
        afterName = "org.hhms.web.WebCommonsAutoConfiguration")
public class UserDirectoryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UserDirectory userDirectory(SecurityProperties properties, ServiceTokens serviceTokens) {
        return new UserDirectory(properties.userServiceUrl(), serviceTokens);
    }

    @Bean
    @ConditionalOnMissingBean
    CareTeamLookup careTeamLookup(UserDirectory directory, SecurityProperties properties, ObjectProvider<Clock> clock) {
        return new HttpCareTeamLookup(directory, properties.careTeamCacheTtl(), clock.getIfAvailable(Clock::systemUTC));
    }
}
