package dev.skirmish.cli.bots;

import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.render.ArenaView;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Plays one match headless at 60 Hz with a {@link BotBrain} until it ends, the deadline passes or the link is lost. */
public final class BotMatch {
    static final long TICK_NANOS = 1_000_000_000L / 60;
    static final Duration RECONNECT_WINDOW = Duration.ofSeconds(10);

    /** How a match went for one bot; {@code lastView} is the final world it saw. */
    public record Outcome(boolean finished, boolean lostConnection, long ticks, int buttonsPressed, ArenaView lastView) {
    }

    private BotMatch() {
    }

    public static Outcome play(GameSession session, BotBrain brain, long deadlineNanos) {
        long next = System.nanoTime();
        long ticks = 0;
        int pressed = 0;
        boolean lost = false;
        while (System.nanoTime() < deadlineNanos && session.phase() != 2) {
            if (session.lost()) {
                if (!session.reconnect(RECONNECT_WINDOW)) {
                    lost = true;
                    break;
                }
            }
            int buttons = brain.decide(session.view(System.nanoTime(), ""));
            if (buttons != 0) {
                pressed++;
            }
            session.tick(buttons);
            ticks++;
            next += TICK_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -TICK_NANOS * 10) {
                // far behind (a busy machine): skip ahead rather than sending a burst the server would drop
                next = System.nanoTime();
            }
        }
        return new Outcome(session.phase() == 2, lost, ticks, pressed, session.view(System.nanoTime(), ""));
    }
}
