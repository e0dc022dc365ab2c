package dev.skirmish.cli.commands;

import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.shell.UsageException;
import java.util.concurrent.Callable;

/** Shared plumbing of the scripted commands: the stored config and a lobby client that carries the token. */
abstract class Base implements Callable<Integer> {
    protected final Context ctx;

    Base(Context ctx) {
        this.ctx = ctx;
    }

    CliConfig config() {
        return ctx.config();
    }

    /** A client for the stored lobby with the stored token; usage error if nobody logged in. */
    LobbyClient lobby() {
        CliConfig c = config();
        if (!c.loggedIn()) {
            throw new UsageException("not logged in: run `skirmish login --name <name>` first");
        }
        LobbyClient client = new LobbyClient(c.lobby(), c.token());
        client.onTokenRefreshed(t -> {
            CliConfig now = config();
            new CliConfig(now.lobby(), now.playerId(), now.name(), t, now.roomId()).save(ctx.configFile());
        });
        return client;
    }

    String currentRoom() {
        String room = config().roomId();
        if (room == null) {
            throw new UsageException("you are not in a room: run `skirmish create` or `skirmish join ROOM` first");
        }
        return room;
    }

    void remember(String roomId) {
        config().withRoom(roomId).save(ctx.configFile());
    }
}
