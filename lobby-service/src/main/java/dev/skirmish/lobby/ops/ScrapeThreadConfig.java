package dev.skirmish.lobby.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link ScrapeThread} on {@code /actuator/prometheus} only, last of the filters: after Spring Security's chain. */
@Configuration(proxyBeanMethods = false)
class ScrapeThreadConfig {
    @Bean
    FilterRegistrationBean<ScrapeThread> scrapeThreadFilter() {
        var registration = new FilterRegistrationBean<>(new ScrapeThread());
        registration.addUrlPatterns("/actuator/prometheus");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
