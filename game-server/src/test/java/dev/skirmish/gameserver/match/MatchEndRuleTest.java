package dev.skirmish.gameserver.match;

import static dev.skirmish.gameserver.match.MatchEndRule.END_LINGER_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.gameserver.report.MatchReport.EndReason;
import dev.skirmish.simulation.MatchPhase;
import org.junit.jupiter.api.Test;

/** The four ways a match process ends, on a clock the test moves by hand. */
class MatchEndRuleTest {
    private static final long NO_PLAYERS_MILLIS = 60_000;
    private static final long ALL_LEFT_MILLIS = 30_000;
    private final MatchEndRule rule = new MatchEndRule(NO_PLAYERS_MILLIS, ALL_LEFT_MILLIS);

    @Test
    void aStopEndsTheMatchAtTheNextTickWhateverItsPhase() {
        rule.assigned(0);
        assertThat(rule.check(10, false, MatchPhase.RUNNING, true, 2)).isNull();
        assertThat(rule.check(20, true, MatchPhase.RUNNING, true, 2)).isEqualTo(EndReason.SHUTDOWN);
        assertThat(new MatchEndRule(NO_PLAYERS_MILLIS, ALL_LEFT_MILLIS).check(5, true, null, false, 0))
                .as("a warm server that was never allocated").isEqualTo(EndReason.SHUTDOWN);
    }

    @Test
    void anEndedMatchLingersSoItsLastEventsArriveAndItsDurationStopsAtTheWhistle() {
        rule.assigned(0);
        rule.check(1_000, false, MatchPhase.RUNNING, true, 2);
        assertThat(rule.check(91_000, false, MatchPhase.ENDED, true, 2)).isNull();
        assertThat(rule.check(91_000 + END_LINGER_MILLIS - 1, false, MatchPhase.ENDED, true, 2)).isNull();
        assertThat(rule.check(91_000 + END_LINGER_MILLIS, false, MatchPhase.ENDED, true, 2))
                .isEqualTo(EndReason.MATCH_END);
        assertThat(rule.matchSeconds(91_000 + END_LINGER_MILLIS)).isEqualTo(90.0);
    }

    @Test
    void nobodyConnectingWithinTheTimeoutAfterTheAssignmentEndsIt() {
        assertThat(rule.check(NO_PLAYERS_MILLIS * 2, false, null, false, 0))
                .as("a warm server waits for its allocation as long as it takes").isNull();
        rule.assigned(100_000);
        assertThat(rule.check(100_000 + NO_PLAYERS_MILLIS - 1, false, MatchPhase.WAITING, false, 0)).isNull();
        assertThat(rule.check(100_000 + NO_PLAYERS_MILLIS, false, MatchPhase.WAITING, false, 0))
                .isEqualTo(EndReason.NO_PLAYERS_CONNECTED);
        assertThat(rule.matchSeconds(100_000 + NO_PLAYERS_MILLIS)).isZero();
    }

    @Test
    void everyoneGoneForTheTimeoutEndsItAndAComebackRestartsTheCount() {
        rule.assigned(0);
        assertThat(rule.check(1_000, false, MatchPhase.RUNNING, true, 0)).isNull(); // the last one left
        assertThat(rule.check(1_000 + ALL_LEFT_MILLIS - 1, false, MatchPhase.RUNNING, true, 0)).isNull();
        assertThat(rule.check(1_000 + ALL_LEFT_MILLIS - 1, false, MatchPhase.RUNNING, true, 1)).isNull(); // back
        long leftAgain = 40_000;
        assertThat(rule.check(leftAgain, false, MatchPhase.RUNNING, true, 0)).isNull();
        assertThat(rule.check(leftAgain + ALL_LEFT_MILLIS - 1, false, MatchPhase.RUNNING, true, 0)).isNull();
        assertThat(rule.check(leftAgain + ALL_LEFT_MILLIS, false, MatchPhase.RUNNING, true, 0))
                .isEqualTo(EndReason.ALL_PLAYERS_LEFT);
        assertThat(rule.matchSeconds(leftAgain + ALL_LEFT_MILLIS))
                .isEqualTo((leftAgain + ALL_LEFT_MILLIS - 1_000) / 1000.0);
    }
}
