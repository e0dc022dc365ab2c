package dev.skirmish.cli.bots;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bots")
public final class BotsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("not built yet");
    }
}
