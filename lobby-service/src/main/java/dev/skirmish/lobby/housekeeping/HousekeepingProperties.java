package dev.skirmish.lobby.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention and repair jobs, prefix {@code skirmish.lobby.housekeeping}.
 *
 * @param chatRetention            chat messages older than this are deleted (default 30d)
 * @param processedEventRetention  ids of applied orchestrator events (and end events still waiting for their match) older
 *                                 than this are deleted (default 7d). Safe for deduplication: the orchestrator redelivers an
 *                                 event only until the lobby has answered 2xx, minutes at most, and a duplicate that came
 *                                 later still would change nothing, since an end only applies to a running match and only
 *                                 reopens a room that still plays that session
 * @param retentionInterval        how often the retention jobs run (default 1h)
 * @param retentionBatchSize       rows deleted per transaction; a run deletes batches until none is full (default 1000). Chat:
 *                                 the ids looked at per transaction (the lines among them past the cutoff are deleted); a run
 *                                 goes on until a batch of ids holds no line near the cutoff
 * @param repairInterval           how often the repair job asks the orchestrator about IN_GAME rooms and RUNNING matches;
 *                                 {@code 0s} = never (default 10s)
 * @param repairGrace              a session over at the orchestrator for less than this is left to its own end event, which
 *                                 carries the result (default 10s; with the interval, a stuck room reopens within ~20 s)
 */
@ConfigurationProperties("skirmish.lobby.housekeeping")
public record HousekeepingProperties(
        @DefaultValue("30d") Duration chatRetention,
        @DefaultValue("7d") Duration processedEventRetention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("1000") int retentionBatchSize,
        @DefaultValue("10s") Duration repairInterval,
        @DefaultValue("10s") Duration repairGrace) {
}
