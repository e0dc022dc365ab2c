package dev.skirmish.cli;

import dev.skirmish.cli.bots.BotsCommand;
import dev.skirmish.cli.bots.DemoCommand;
import dev.skirmish.cli.commands.LobbyCommands;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyException;
import dev.skirmish.cli.play.PlayCommand;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.shell.UsageException;
import dev.skirmish.cli.stomp.StompException;
import dev.skirmish.cli.text.Printable;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code skirmish} client. Exit codes: 0 ok, 1 refused by the server (its message printed), 2 usage error.
 */
@Command(name = "skirmish", mixinStandardHelpOptions = true, version = "skirmish client 0.1.0",
        description = "Skirmish client: lobby commands, the terminal game (play), bots and the demo.",
        subcommands = {LobbyCommands.Login.class, LobbyCommands.Rooms.class, LobbyCommands.Create.class,
                LobbyCommands.Join.class, LobbyCommands.Leave.class, LobbyCommands.Ready.class, LobbyCommands.Start.class,
                LobbyCommands.Chat.class, LobbyCommands.History.class, LobbyCommands.Matches.class, PlayCommand.class,
                BotsCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class SkirmishCli {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        int code = run(new Context(CliConfig.file(System.getenv()), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)), args);
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(Context raw, String... args) {
        // commands print what the lobby said through these: nothing from the network reaches the terminal raw
        // (picocli's own help and usage keep the raw writers, for their colours)
        Context ctx = new Context(raw.configFile(), Printable.writer(raw.out()), Printable.writer(raw.err()));
        CommandLine cli = new CommandLine(new SkirmishCli(), new ContextFactory(ctx));
        cli.setOut(raw.out()).setErr(raw.err());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : REFUSED);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            switch (e) {
                case LobbyException le -> ctx.err().println("skirmish: " + Printable.escape(le.getMessage())
                        + (le.status() > 0 ? " (" + le.status() + (le.code() == null ? "" : " " + Printable.escape(le.code())) + ")" : ""));
                case StompException se -> ctx.err().println("skirmish: " + Printable.escape(se.getMessage()));
                case UsageException ue -> {
                    ctx.err().println("skirmish: " + Printable.escape(ue.getMessage()));
                    return USAGE;
                }
                case IllegalArgumentException iae -> {
                    ctx.err().println("skirmish: " + Printable.escape(iae.getMessage()));
                    return USAGE;
                }
                default -> ctx.err().println("skirmish: " + Printable.escape(e.toString()));
            }
            ctx.err().flush();
            return REFUSED;
        });
        int code = cli.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        raw.out().flush();
        raw.err().flush();
        return code;
    }

    /** Hands every command the same {@link Context} through its constructor. */
    private record ContextFactory(Context ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static Map<String, String> env() {
        return System.getenv();
    }
}
