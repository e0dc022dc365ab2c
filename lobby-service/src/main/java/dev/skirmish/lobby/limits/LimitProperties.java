package dev.skirmish.lobby.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Abuse limits, prefix {@code skirmish.lobby.limits}. A refused request gets {@code 429} problem details with a
 * {@code Retry-After} header (docs/lobby-api.md, section Limits).
 *
 * @param guestSignUpsPerAddress    guest sign-ups (attempts, also refused ones) per client address (IPv6: per /64)
 *                                  within {@code guestSignUpPeriod} (default 20)
 * @param guestSignUpPeriod         the window of the above; the bucket refills evenly over it (default 10m)
 * @param roomsPerPlayer            rooms a player may create within {@code roomPeriod} (default 10)
 * @param roomPeriod                (default 10m)
 * @param joinAttemptsPerPlayer     join attempts (by code, and by room id, which may carry a code) per player within
 *                                  {@code joinPeriod}; with 40-bit codes this makes guessing hopeless (default 20)
 * @param joinPeriod                (default 1m)
 * @param wsConnectionsPerPlayer    STOMP connections one player may hold open at once (default 4)
 * @param matchesPerPlayer          running matches a player may be in when its room starts another (default 1: a player
 *                                  who left a running match cannot start a second one until the first ends)
 * @param maxTrackedKeys            most addresses or players each limit remembers; an idle key is forgotten once its
 *                                  bucket would be full again anyway (default 100000)
 * @param maxBodySize               largest request body; a larger one gets {@code 413} before it is parsed, also when it
 *                                  comes chunked without a Content-Length (default 64KB)
 * @param maxJsonStringLength       longest JSON string (characters) in a request body, checked while parsing, before
 *                                  any validation (default 8192)
 * @param maxJsonNestingDepth       deepest JSON nesting in a request body (default 32)
 * @param idleRoomTtl               a seated player with no WebSocket open and no authenticated request for this long
 *                                  leaves its (OPEN) room, so a room whose members never connect expires like an empty
 *                                  one (default 300s)
 * @param adminSignInsPerAddress    operator sign-in attempts (also refused ones) per client address (IPv6: per /64)
 *                                  within {@code adminSignInPeriod}: password guessing stays slow (default 10)
 * @param adminSignInPeriod         (default 10m)
 * @param reportsPerPlayer          player reports ({@code POST /api/reports}) a player may file within
 *                                  {@code reportPeriod}: keeps the reports table from being flooded (default 10)
 * @param reportPeriod              (default 10m)
 * @param sharedBucketCleanInterval profile {@code cluster}: how often one node deletes the PostgreSQL rows of buckets
 *                                  that are full again (table {@code rate_limit_buckets}) (default 60s)
 */
@ConfigurationProperties("skirmish.lobby.limits")
public record LimitProperties(
        @DefaultValue("20") int guestSignUpsPerAddress,
        @DefaultValue("10m") Duration guestSignUpPeriod,
        @DefaultValue("10") int roomsPerPlayer,
        @DefaultValue("10m") Duration roomPeriod,
        @DefaultValue("20") int joinAttemptsPerPlayer,
        @DefaultValue("1m") Duration joinPeriod,
        @DefaultValue("4") int wsConnectionsPerPlayer,
        @DefaultValue("1") int matchesPerPlayer,
        @DefaultValue("100000") long maxTrackedKeys,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("8192") int maxJsonStringLength,
        @DefaultValue("32") int maxJsonNestingDepth,
        @DefaultValue("300s") Duration idleRoomTtl,
        @DefaultValue("10") int adminSignInsPerAddress,
        @DefaultValue("10m") Duration adminSignInPeriod,
        @DefaultValue("10") int reportsPerPlayer,
        @DefaultValue("10m") Duration reportPeriod,
        @DefaultValue("60s") Duration sharedBucketCleanInterval) {
}
