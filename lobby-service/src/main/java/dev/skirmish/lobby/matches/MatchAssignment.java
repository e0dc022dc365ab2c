package dev.skirmish.lobby.matches;

/** The private message on {@code /user/queue/match}: where to connect and with which connect token. */
public record MatchAssignment(String roomId, String sessionId, String host, int port, String playerId, String name, String token,
                              int matchSeconds) {
}
