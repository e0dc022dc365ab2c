package dev.skirmish.cli;

public final class SkirmishCli {
    public static void main(String[] args) {
        System.err.println("skirmish: not implemented yet");
        System.exit(2);
    }
}
