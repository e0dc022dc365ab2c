package dev.skirmish.lobby.ws;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Puts {@link FanoutBroker} where Spring's broker configuration ({@link StompBrokerConfiguration}) built Spring's simple
 * broker, configured as that one was (the configuration offers no hook for the broker's class). Nothing is replaced under the cluster
 * profile, which builds no simple broker.
 */
@Component
class FanoutBrokerInstaller implements BeanPostProcessor, ApplicationContextAware {
    // providers: a post-processor is built before other beans, these are resolved once the broker is built
    private final ObjectProvider<Outboxes> outboxes;
    private final ObjectProvider<RoomTopicFilter> members;
    private ApplicationContext context;

    FanoutBrokerInstaller(ObjectProvider<Outboxes> outboxes, ObjectProvider<RoomTopicFilter> members) {
        this.outboxes = outboxes;
        this.members = members;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean.getClass() != SimpleBrokerMessageHandler.class) return bean;
        return new FanoutBroker((SimpleBrokerMessageHandler) bean, outboxes.getObject(), members.getObject(), context);
    }
}
