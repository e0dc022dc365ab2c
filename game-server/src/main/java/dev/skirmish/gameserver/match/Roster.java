package dev.skirmish.gameserver.match;

import dev.skirmish.protocol.session.EventAckTimes;
import dev.skirmish.protocol.session.PlayerLink;
import java.util.List;

/**
 * The match's players as the tick thread tracks them: one slot per assigned name, a {@link PlayerLink} once the
 * player first connected (its inputs, reliable events and snapshot baselines), who is connected now and since
 * when anyone was. Tick thread only.
 */
final class Roster {
    private PlayerLink[] links = new PlayerLink[0];
    private List<String> names = List.of();
    private int connected;
    private long firstConnectMillis = -1;
    private MatchRoom.Presence presence = (player, isConnected) -> { };

    void assign(List<String> players) {
        links = new PlayerLink[players.size()];
        names = List.copyOf(players);
    }

    void presence(MatchRoom.Presence listener) {
        presence = listener;
    }

    /**
     * A handshake finished for slot {@code index}; {@code wasConnected}: the match already had the player connected
     * (a client restarted before its old connection timed out).
     */
    void connected(int index, boolean wasConnected, long now) {
        PlayerLink link = links[index];
        if (link == null) {
            links[index] = new PlayerLink(index);
        } else {
            link.resetBaselines(); // the client starts from scratch; its pending events stay queued
        }
        if (!wasConnected) {
            connected++;
            presence.changed(names.get(index), true);
        }
        if (firstConnectMillis < 0) {
            firstConnectMillis = now;
        }
    }

    void disconnected(int index, boolean wasConnected) {
        if (wasConnected) {
            connected--;
            presence.changed(names.get(index), false);
        }
    }

    /** Once someone is in: when everyone is, or {@code graceMillis} after the first arrival. */
    boolean readyToStart(long now, long graceMillis) {
        return firstConnectMillis >= 0 && (connected == links.length || now - firstConnectMillis >= graceMillis);
    }

    /** The slots' links, null where the player never connected: iterated every tick, so no copy. */
    PlayerLink[] links() {
        return links;
    }

    PlayerLink link(int index) {
        return links[index];
    }

    int size() {
        return links.length;
    }

    int connectedCount() {
        return connected;
    }

    boolean anyoneConnectedEver() {
        return firstConnectMillis >= 0;
    }

    long inputsLost() {
        long n = 0;
        for (PlayerLink link : links) {
            if (link != null) {
                n += link.inputs().missed();
            }
        }
        return n;
    }

    long[] eventAckTicks() {
        long[] histogram = new long[EventAckTimes.buckets()];
        for (PlayerLink link : links) {
            if (link != null) {
                link.eventAckTimes().addTo(histogram);
            }
        }
        return histogram;
    }

    void resetMeasurements() {
        for (PlayerLink link : links) {
            if (link != null) {
                link.eventAckTimes().reset();
                link.inputs().resetCounters();
            }
        }
    }
}
