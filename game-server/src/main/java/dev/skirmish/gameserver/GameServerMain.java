package dev.skirmish.gameserver;

public final class GameServerMain {
    public static void main(String[] args) {
        System.err.println("game-server: not implemented yet");
        System.exit(2);
    }
}
