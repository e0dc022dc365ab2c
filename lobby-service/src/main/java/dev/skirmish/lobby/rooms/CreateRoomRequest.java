package dev.skirmish.lobby.rooms;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code {"name", "capacity" 2-8, "private", "matchSeconds"?}}; {@code private} is a Java keyword, hence the explicit
 * JSON name. {@code matchSeconds} null = the configured {@code skirmish.lobby.match-seconds}.
 */
public record CreateRoomRequest(String name, Integer capacity, @JsonProperty("private") Boolean isPrivate, Integer matchSeconds) {
}
