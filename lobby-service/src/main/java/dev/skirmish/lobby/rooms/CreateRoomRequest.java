package dev.skirmish.lobby.rooms;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"name", "capacity" 2-8, "private"}}; {@code private} is a Java keyword, hence the explicit JSON name. */
public record CreateRoomRequest(String name, Integer capacity, @JsonProperty("private") Boolean isPrivate) {
}
