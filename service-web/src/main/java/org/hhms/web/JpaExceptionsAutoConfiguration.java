package org.hhms.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/**
 * Spring Data JPA repositories fail as the SQL around them does: a unique violation at a flush is a
 * {@link org.springframework.dao.DuplicateKeyException} (the services answer 409 on it), not Hibernate's generic
 * {@link org.springframework.dao.DataIntegrityViolationException}. The translator is JdbcTemplate's own.
 */
@AutoConfiguration
@ConditionalOnClass({ HibernateJpaDialect.class, LocalContainerEntityManagerFactoryBean.class })
public class JpaExceptionsAutoConfiguration {

    @Bean
    static BeanPostProcessor sqlErrorCodesForJpa() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof LocalContainerEntityManagerFactoryBean factory
                        && factory.getJpaDialect() instanceof HibernateJpaDialect dialect
                        && factory.getDataSource() != null) {
                    dialect.setJdbcExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(factory.getDataSource()));
                }
                return bean;
            }
        };
    }
}
