package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputPacket;

/** What the connection layer tells the game: players joining, their inputs, players leaving. */
public sealed interface ServerEvent {
    int playerIndex();

    /**
     * {@code reconnected}: this player had a slot before (same player back, same index). A reconnect from a new
     * address may take the slot over while the old connection has not timed out yet, so a reconnected event can
     * come without a {@link PlayerDisconnected} before it.
     */
    record PlayerConnected(int playerIndex, String playerId, String playerName, boolean reconnected)
            implements ServerEvent {
    }

    record InputReceived(int playerIndex, InputPacket input) implements ServerEvent {
    }

    /** The slot stays reserved: the player may come back with its token until the match ends. */
    record PlayerDisconnected(int playerIndex, String playerName, Disconnect.Reason reason) implements ServerEvent {
    }
}
