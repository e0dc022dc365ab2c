package dev.skirmish.orchestrator.sessions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /internal/sessions/{id}/result}: the match is over (or the server is stopping). */
public record MatchResultReport(@NotBlank @Size(max = 64) String reason, @Size(max = 64) String winner,
                                double durationSeconds, @Size(max = 64) List<@Valid PlayerScore> players) {
    public record PlayerScore(@NotBlank @Size(max = 32) String name, int kills, int deaths, int damageDealt) {
    }
}
