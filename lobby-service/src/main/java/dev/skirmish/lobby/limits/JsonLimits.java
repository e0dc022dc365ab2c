package dev.skirmish.lobby.limits;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds what the JSON parser of Spring MVC (and of STOMP payloads) accepts, checked token by token while parsing:
 * an over-long string fails before it is ever built into a Java string or validated. (The body as a whole is
 * bounded by {@link BodySizeFilter}.)
 */
@Configuration
public class JsonLimits {
    @Bean
    JsonFactoryBuilderCustomizer lobbyJsonReadLimits(LimitProperties props) {
        return builder -> builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(props.maxJsonStringLength())
                .maxNameLength(Math.min(1024, props.maxJsonStringLength()))
                .maxNestingDepth(props.maxJsonNestingDepth())
                .maxNumberLength(64)
                .build());
    }
}
