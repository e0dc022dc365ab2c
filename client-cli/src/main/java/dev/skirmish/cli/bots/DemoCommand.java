package dev.skirmish.cli.bots;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("not built yet");
    }
}
