package dev.skirmish.orchestrator.security;

import java.util.Set;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start in profile {@code prod} with a service key anyone can read in this repository: the
 * application.yml default, the compose file's default, or none. Runs before any bean is created, so a refused
 * start never re-adopts or launches a game server.
 */
@Component
public class ProdKeyGuard implements BeanFactoryPostProcessor, EnvironmentAware {
    /** Every service key published with Skirmish (application.yml, docker-compose.yml). */
    public static final Set<String> KNOWN_DEFAULT_KEYS =
            Set.of("dev-service-key-change-me", "compose-dev-service-key-change-me");

    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(env);
    }

    static void check(Environment env) {
        if (!env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        String key = Binder.get(env).bind("skirmish.service-key", String.class).orElse("").strip();
        if (key.isEmpty() || KNOWN_DEFAULT_KEYS.contains(key)) {
            throw new IllegalStateException("refusing to start in the prod profile with "
                    + (key.isEmpty() ? "no" : "a published default") + " skirmish.service-key:"
                    + " set SKIRMISH_SERVICE_KEY to a secret of your own");
        }
    }
}
