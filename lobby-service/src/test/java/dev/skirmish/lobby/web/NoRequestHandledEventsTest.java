package dev.skirmish.lobby.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * The DispatcherServlet publishes no event per request (issue 19: nothing listens to it, and the multicaster's
 * listener lookup per event was part of every sign-up's and STOMP join's CPU): {@code spring.mvc.publish-request-handled-events}.
 */
class NoRequestHandledEventsTest extends IntegrationTestBase {
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void aRequestPublishesNoHandledEvent() throws InterruptedException {
        var events = new AtomicInteger();
        ApplicationListener<ServletRequestHandledEvent> listener = e -> events.incrementAndGet();
        context.addApplicationListener(listener);
        try {
            assertThat(http.guest("noevents").path("token").asText()).isNotEmpty();
            Thread.sleep(500); // the event would follow the response (published as the request's thread finishes)
            assertThat(events).hasValue(0);
        } finally {
            context.removeApplicationListener(listener);
        }
    }
}
