package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerToken;
import java.security.Principal;

/** The STOMP user: its name is the player id, which is what {@code /user/...} destinations resolve. */
public record StompPrincipal(PlayerToken player) implements Principal {
    @Override
    public String getName() {
        return player.playerId();
    }
}
