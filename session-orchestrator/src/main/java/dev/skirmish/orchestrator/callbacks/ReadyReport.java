package dev.skirmish.orchestrator.callbacks;

/** {@code POST /internal/sessions/{id}/ready}. */
public record ReadyReport(String address, Integer port, Long pid, Boolean warm) {
}
