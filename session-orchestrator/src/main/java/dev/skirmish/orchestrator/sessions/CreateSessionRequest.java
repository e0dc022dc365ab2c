package dev.skirmish.orchestrator.sessions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/sessions}. */
public record CreateSessionRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces") String roomId,
        @NotNull @NotEmpty @Size(max = 64) List<@NotNull @Valid PlayerRequest> players,
        @Min(10) @Max(3600) Integer matchSeconds) {
}
