package dev.skirmish.cli.play;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "play")
public final class PlayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("not built yet");
    }
}
