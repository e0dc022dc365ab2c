package dev.skirmish.lobby.security;

import java.time.Instant;

/** What a verified bearer token says: who the player is and until when. */
public record PlayerToken(String playerId, String name, Instant expiresAt) {
}
