package dev.skirmish.gameserver;

import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC of {@link LogSetup}: a plain per-thread map, not inherited by threads a thread starts (SLF4J's
 * BasicMDCAdapter is inheritable: a Netty or pool thread started while a match's set-up holds its session would
 * label every later line with that session). {@code put} of a key already there reuses its entry, so the match
 * hosts' per-tick put allocates nothing.
 */
final class ThreadMdc implements MDCAdapter {
    private final ThreadLocal<Map<String, String>> maps = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    @Override
    public void put(String key, String val) {
        maps.get().put(key, val);
    }

    @Override
    public String get(String key) {
        return maps.get().get(key);
    }

    @Override
    public void remove(String key) {
        maps.get().remove(key);
    }

    @Override
    public void clear() {
        maps.remove();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new HashMap<>(maps.get());
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        Map<String, String> m = maps.get();
        m.clear();
        m.putAll(contextMap);
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
