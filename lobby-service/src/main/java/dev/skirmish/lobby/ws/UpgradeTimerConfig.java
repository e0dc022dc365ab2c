package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link UpgradeTimer} on {@code /ws} only, ahead of Boot's observation filter (order highest + 1). */
@Configuration(proxyBeanMethods = false)
class UpgradeTimerConfig {
    @Bean
    FilterRegistrationBean<UpgradeTimer> upgradeTimer(MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new UpgradeTimer(meters));
        registration.addUrlPatterns("/ws");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ObservationPredicate noUpgradeObservation() {
        return UpgradeTimer.noObservation();
    }
}
