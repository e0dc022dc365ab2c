package dev.skirmish.orchestrator.sessions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One seat: the lobby's player id and the in-game name (a plain identifier: it travels as a program argument). */
public record PlayerRequest(
        @NotBlank @Size(min = 1, max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces") String id,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{3,16}", message = "must be 3-16 of A-Z a-z 0-9 _ -") String name) {
}
