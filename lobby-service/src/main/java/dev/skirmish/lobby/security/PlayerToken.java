package dev.skirmish.lobby.security;

import java.time.Instant;

/**
 * What a verified bearer token says: who the player is, until when the token is good, and when the player signed
 * in (a refresh keeps that time, so the sign-in's absolute lifetime bounds every token that follows from it).
 */
public record PlayerToken(String playerId, String name, Instant expiresAt, Instant signedInAt) {
    /** A player acting without a token history (room and chat rules do not look at the sign-in time). */
    public PlayerToken(String playerId, String name, Instant expiresAt) {
        this(playerId, name, expiresAt, expiresAt);
    }
}
