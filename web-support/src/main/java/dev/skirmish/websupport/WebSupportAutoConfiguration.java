package dev.skirmish.websupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What every service that carries this module gets without asking: the problem counter. The trace header filter is
 * not here, because who may continue a trace is each service's own decision ({@link TraceHeaderFilter}).
 */
@AutoConfiguration
public class WebSupportAutoConfiguration {
    @Bean
    ProblemCount problemCount(MeterRegistry meters) {
        return new ProblemCount(meters);
    }
}
