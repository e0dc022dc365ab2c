package dev.skirmish.lobby.matches;

import jakarta.persistence.Embeddable;

@Embeddable
public class MatchPlayer {
    private String playerId;
    private String playerName;
    private Integer kills;
    private Integer deaths;
    private Integer damageDealt;

    protected MatchPlayer() {
    }

    public MatchPlayer(String playerId, String playerName) {
        this.playerId = playerId;
        this.playerName = playerName;
    }

    public String getPlayerId() { return playerId; }

    public String getPlayerName() { return playerName; }

    public Integer getKills() { return kills; }

    public Integer getDeaths() { return deaths; }

    public Integer getDamageDealt() { return damageDealt; }

    public void score(int kills, int deaths, int damageDealt) {
        this.kills = kills;
        this.deaths = deaths;
        this.damageDealt = damageDealt;
    }
}
