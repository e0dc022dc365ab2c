package dev.skirmish.orchestrator.sessions;

public record ConnectTokenView(String playerId, String name, String token) {
}
