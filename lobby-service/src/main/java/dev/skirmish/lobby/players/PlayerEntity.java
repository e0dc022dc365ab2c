package dev.skirmish.lobby.players;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Locale;
import org.springframework.data.domain.Persistable;

/**
 * A signed-up guest. {@link Persistable}: the id is assigned here, so without it Spring Data would take a new
 * player for an existing one and read it back before every insert (one more query per sign-up).
 */
@Entity
@Table(name = "players")
public class PlayerEntity implements Persistable<String> {
    @Id
    private String id;
    private String name;
    /** The name in lower case, indexed: how a sign-up finds players of the same name regardless of case. */
    private String nameKey;
    private Instant createdAt;
    /** Set by sign-out: every token of this player is refused from then on. */
    private Instant tokensRevokedAt;
    @Transient
    private boolean isNew;

    protected PlayerEntity() {
    }

    public PlayerEntity(String id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.nameKey = key(name);
        this.createdAt = createdAt;
        this.isNew = true;
    }

    /** The lookup key of a name (names are ASCII, so this is the case-insensitive match the name rules mean). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() { return isNew; }

    @Override
    public String getId() { return id; }

    public String getName() { return name; }

    public Instant getCreatedAt() { return createdAt; }

    public Instant getTokensRevokedAt() { return tokensRevokedAt; }
}
