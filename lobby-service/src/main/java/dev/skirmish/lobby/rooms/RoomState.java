package dev.skirmish.lobby.rooms;

public enum RoomState { OPEN, STARTING, IN_GAME }
