package org.hhms.directory;

import java.time.Clock;

import org.hhms.security.CareTeamLookup;
import org.hhms.security.SecurityProperties;
import org.hhms.security.ServiceTokens;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import tools.jackson.databind.ObjectMapper;

/**
 * The user-service as the other services see it: care teams for authorization (cached, fail closed), for every
 * service that is not the user-service itself (which answers from its own tables).
 */
@AutoConfiguration(beforeName = "org.hhms.security.HhmsSecurityAutoConfiguration")
public class UserDirectoryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CareTeamLookup careTeamLookup(SecurityProperties properties, ServiceTokens serviceTokens, ObjectMapper mapper) {
        return new HttpCareTeamLookup(properties, serviceTokens, mapper, Clock.systemUTC());
    }
}
