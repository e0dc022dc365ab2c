package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.KeepAlive;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-alives and timeouts, once per tick: a player silent for {@link ServerConfig#timeout()} is dropped, one the
 * server has not sent to for {@link ServerConfig#keepAliveInterval()} gets a KEEP_ALIVE so its client does not
 * time the server out in a quiet phase.
 */
final class Liveness {
    // the endpoint's logger: the messages stay under the category operators already filter on
    private static final Logger log = LoggerFactory.getLogger(ServerEndpoint.class);

    private final ServerConfig config;
    private final ConnectionTable table;
    private final Outgoing out;

    Liveness(ServerConfig config, ConnectionTable table, Outgoing out) {
        this.config = config;
        this.table = table;
        this.out = out;
    }

    List<ServerEvent> update(long now) {
        List<ServerEvent> events = null; // made only for a timeout: this runs every tick of every match
        for (Connection c : table.slots()) {
            if (!c.connected()) {
                continue;
            }
            if (now - c.lastReceivedMillis() >= config.timeout().toMillis()) {
                table.unbind(c);
                if (events == null) {
                    events = new ArrayList<>();
                }
                log.info("player {} timed out after {} ms of silence", c.playerName(), config.timeout().toMillis());
                events.add(new ServerEvent.PlayerDisconnected(c.playerIndex(), c.playerName(),
                        Disconnect.Reason.TIMED_OUT));
            } else if (now - c.lastSentMillis() >= config.keepAliveInterval().toMillis()) {
                out.send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now);
            }
        }
        return events == null ? List.of() : events;
    }
}
