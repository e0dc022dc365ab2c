package dev.skirmish.lobby.ws;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Fan-out {@code node}: which RabbitMQ destinations this node listens to. A destination is subscribed while at least
 * one of this node's players is subscribed to a topic it carries (a room's two topics share one), and unsubscribed
 * when the last one leaves, so a node hears only the rooms it has members in. Local counts and broker subscriptions
 * change under one lock, so a reconnect that subscribes everything again and a player's first SUBSCRIBE never both
 * subscribe or both miss. The counts are bounded by this node's subscriptions (a player subscribes only to public
 * topics and its own room), and a destination leaves the map with its last subscriber.
 */
@Component
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node", matchIfMissing = true)
class BridgeTopics {
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    /** RabbitMQ, while the node is connected to it. */
    interface Broker {
        /** Subscribes to one destination; {@code ready} completes when RabbitMQ confirms (or the wait for it ends). */
        Subscribed subscribe(String destination);
    }

    record Subscribed(Runnable unsubscribe, CompletableFuture<Void> ready) {
    }

    /** Room affinity: told a room's first local subscriber (its future: the other nodes acked) and its last. */
    interface RoomInterest {
        CompletableFuture<Void> first(String room);

        void last(String room);
    }

    private static final String ROOMS = "/topic/rooms.";
    private static final String ROOM_WILDCARD = ".#";

    private final Map<String, Integer> local = new HashMap<>();
    private final Map<String, Subscribed> remote = new HashMap<>();
    private Broker broker;
    private RoomInterest interest;
    /** Room affinity on: the rooms whose events surely reach this node (their +room acked by every live peer). */
    private final Set<String> heard = ConcurrentHashMap.newKeySet();
    private volatile boolean skipping;

    /** Room affinity on ({@code skirmish.cluster.interest-skip}): other nodes skip rooms this node did not announce. */
    synchronized void interest(RoomInterest i) {
        interest = i;
        skipping = i != null;
    }

    /**
     * Whether every event of {@code room} reaches this node (any thread, lock-free): always without room affinity;
     * with it only once its first local subscriber's {@code +room} was acked, and until its last one left.
     */
    boolean hears(String room) {
        return !skipping || heard.contains(room);
    }

    void heard(String room) {
        heard.add(room);
    }

    void unheard(String room) {
        heard.remove(room);
    }

    /**
     * One more local subscriber of {@code destination}; the future completes once RabbitMQ delivers that destination
     * to this node (at once while RabbitMQ is unreachable: the reconnect subscribes it).
     */
    synchronized CompletableFuture<Void> add(String destination) {
        int n = local.merge(destination, 1, Integer::sum);
        String room = n == 1 && interest != null ? roomOf(destination) : null;
        // the other nodes hear of the room while the node is not connected too: its snapshot carries it on reconnecting
        CompletableFuture<Void> acked = room == null ? NOW : interest.first(room);
        Subscribed s = remote.get(destination);
        if (s == null && broker != null) {
            s = broker.subscribe(destination);
            remote.put(destination, s);
        }
        if (s == null) return NOW;
        return acked.isDone() ? s.ready() : CompletableFuture.allOf(s.ready(), acked);
    }

    /** One local subscriber of {@code destination} fewer; with the last one the node stops listening to it. */
    synchronized void remove(String destination) {
        Integer n = local.get(destination);
        if (n == null) return;
        if (n > 1) {
            local.put(destination, n - 1);
            return;
        }
        local.remove(destination);
        String room = interest != null ? roomOf(destination) : null;
        if (room != null) interest.last(room);
        Subscribed s = remote.remove(destination);
        if (s != null) s.unsubscribe().run();
    }

    /** A new connection to RabbitMQ: every destination with a local subscriber is subscribed on it. */
    synchronized void connected(Broker b) {
        broker = b;
        remote.clear();
        for (String destination : local.keySet()) remote.put(destination, b.subscribe(destination));
    }

    /** The connection is gone, and its subscriptions with it. */
    synchronized void disconnected() {
        broker = null;
        remote.clear();
    }

    synchronized Set<String> subscribed() {
        return Set.copyOf(remote.keySet());
    }

    /** The room of a RabbitMQ destination made by {@link #of} ({@code /topic/rooms.{id}.#}), else null. */
    static String roomOf(String destination) {
        if (!destination.startsWith(ROOMS) || !destination.endsWith(ROOM_WILDCARD) || destination.length() <= ROOMS.length() + ROOM_WILDCARD.length()) return null;
        return destination.substring(ROOMS.length(), destination.length() - ROOM_WILDCARD.length());
    }

    /**
     * The RabbitMQ destination that carries a client's topic, or null when none does (queues, user destinations, and
     * anything that is no plain name): a room's events and chat share {@code /topic/rooms.{id}.#}, one queue per
     * room and node, in publish order; other topics are written with dots, as {@link RelayDestinations} does.
     */
    static String of(String clientDestination) {
        if (clientDestination == null || !clientDestination.startsWith("/topic/") || clientDestination.startsWith("/topic/skirmish.")) return null;
        String room = StompGuard.roomOfTopic(clientDestination);
        if (room != null) return plain(room) ? "/topic/rooms." + room + ".#" : null;
        String dest = RelayDestinations.toBroker(clientDestination);
        return plain(dest.substring("/topic/".length())) ? dest : null;
    }

    /** Letters, digits, '-' and '.' only: no wildcard of RabbitMQ's ('*', '#') and no empty word. */
    private static boolean plain(String s) {
        if (s.isEmpty() || s.length() > 200 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '.') return false;
        }
        return true;
    }
}
