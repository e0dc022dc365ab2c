package dev.skirmish.lobby.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Hands {@link H2Properties} to every connection of an H2 pool as connection settings (H2 applies a known setting
 * given as a connection property as if it were in the URL). Here rather than in the URL because the URL is replaced
 * whole by whoever runs the lobby (the bench, a deployment's {@code spring.datasource.url}), and only for H2, so a
 * PostgreSQL pool never sees them. The one place the lobby tunes H2.
 */
@Configuration(proxyBeanMethods = false)
class H2Settings {
    @Bean
    static BeanPostProcessor h2ConnectionSettings(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:h2:")) {
                    H2Properties h2 = Binder.get(environment).bindOrCreate("skirmish.lobby.h2", H2Properties.class);
                    pool.addDataSourceProperty("QUERY_CACHE_SIZE", String.valueOf(h2.queryCacheSize()));
                }
                return bean;
            }
        };
    }
}
