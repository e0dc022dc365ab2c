package dev.skirmish.gameserver.report;

/** The heartbeat body of docs/orchestrator-api.md; {@code phase} is WAITING, RUNNING or ENDED. */
public record Heartbeat(long tick, String phase, int playersConnected, double tickMsP50, double tickMsP99,
                        double tickMsMax, long missedTicks, long bytesIn, long bytesOut) {
    public String toJson() {
        return "{\"tick\":" + tick + ",\"phase\":" + Json.string(phase) + ",\"playersConnected\":" + playersConnected
                + ",\"tickMsP50\":" + Json.number(tickMsP50) + ",\"tickMsP99\":" + Json.number(tickMsP99)
                + ",\"tickMsMax\":" + Json.number(tickMsMax) + ",\"missedTicks\":" + missedTicks
                + ",\"bytesIn\":" + bytesIn + ",\"bytesOut\":" + bytesOut + "}";
    }
}
