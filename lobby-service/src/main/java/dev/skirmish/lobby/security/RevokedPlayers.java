package dev.skirmish.lobby.security;

/** Players who signed out: every token of theirs is refused, whatever it says. */
@FunctionalInterface
public interface RevokedPlayers {
    RevokedPlayers NONE = playerId -> false;

    boolean isRevoked(String playerId);
}
