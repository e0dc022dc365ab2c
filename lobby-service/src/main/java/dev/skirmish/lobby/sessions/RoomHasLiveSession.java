package dev.skirmish.lobby.sessions;

/** 409 from the orchestrator: it allows one live session per room, and this room has one. */
public class RoomHasLiveSession extends SessionException {
    public RoomHasLiveSession(Throwable cause) {
        super("this room already has a live session", cause);
    }
}
