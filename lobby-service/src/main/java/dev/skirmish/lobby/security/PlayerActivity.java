package dev.skirmish.lobby.security;

/**
 * Told of every request that a valid player token authenticated. Security only checks tokens; what a sign of life
 * means (who counts as online, whose seat is kept) is the players feature's business, which implements this, so the
 * security package does not depend on it.
 */
@FunctionalInterface
public interface PlayerActivity {
    void seen(String playerId);
}
