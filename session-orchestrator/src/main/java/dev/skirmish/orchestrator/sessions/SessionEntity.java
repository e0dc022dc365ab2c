package dev.skirmish.orchestrator.sessions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The persisted session record: enough to answer the API and to re-adopt the process after a restart. */
@Entity
@Table(name = "game_session")
public class SessionEntity {
    @Id
    private String id;
    private String roomId;
    @Enumerated(EnumType.STRING)
    private SessionState state;
    private boolean warm;
    private String host;
    private int port;
    @Column(name = "players_json")
    private String playersJson;
    private int matchSeconds;
    private String sessionKey;
    private Long pid;
    private Instant processStartedAt;
    private String logFile;
    private Instant createdAt;
    private Instant readyAt;
    private Instant allocatedAt;
    private Instant endedAt;
    private String endReason;
    @Column(name = "result_json")
    private String resultJson;
    @Column(name = "last_stats_json")
    private String lastStatsJson;
    private String lastLogLines;

    protected SessionEntity() {
    }

    public SessionEntity(String id, boolean warm, String host, int port, int matchSeconds, String sessionKey,
                         String logFile, Instant createdAt) {
        this.id = id;
        this.warm = warm;
        this.host = host;
        this.port = port;
        this.matchSeconds = matchSeconds;
        this.sessionKey = sessionKey;
        this.logFile = logFile;
        this.createdAt = createdAt;
        this.state = SessionState.REQUESTED;
    }

    public String getId() { return id; }
    public String getRoomId() { return roomId; }
    public void setRoomId(String roomId) { this.roomId = roomId; }
    public SessionState getState() { return state; }
    public void setState(SessionState state) { this.state = state; }
    public boolean isWarm() { return warm; }
    public String getHost() { return host; }
    public int getPort() { return port; }
    public String getPlayersJson() { return playersJson; }
    public void setPlayersJson(String playersJson) { this.playersJson = playersJson; }
    public int getMatchSeconds() { return matchSeconds; }
    public void setMatchSeconds(int matchSeconds) { this.matchSeconds = matchSeconds; }
    public String getSessionKey() { return sessionKey; }
    public Long getPid() { return pid; }
    public Instant getProcessStartedAt() { return processStartedAt; }
    public void setProcess(long pid, Instant startedAt) { this.pid = pid; this.processStartedAt = startedAt; }
    /** The address players use, when the launcher chose it (an Agones GameServer's). */
    public void setEndpoint(String host, int port) { this.host = host; this.port = port; }
    public String getLogFile() { return logFile; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getReadyAt() { return readyAt; }
    public void setReadyAt(Instant readyAt) { this.readyAt = readyAt; }
    public Instant getAllocatedAt() { return allocatedAt; }
    public void setAllocatedAt(Instant allocatedAt) { this.allocatedAt = allocatedAt; }
    public Instant getEndedAt() { return endedAt; }
    public void setEndedAt(Instant endedAt) { this.endedAt = endedAt; }
    public String getEndReason() { return endReason; }
    public void setEndReason(String endReason) { this.endReason = endReason; }
    public String getResultJson() { return resultJson; }
    public void setResultJson(String resultJson) { this.resultJson = resultJson; }
    public String getLastStatsJson() { return lastStatsJson; }
    public void setLastStatsJson(String lastStatsJson) { this.lastStatsJson = lastStatsJson; }
    public String getLastLogLines() { return lastLogLines; }
    public void setLastLogLines(String lastLogLines) { this.lastLogLines = lastLogLines; }
}
