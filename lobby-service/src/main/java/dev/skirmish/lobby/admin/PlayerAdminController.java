package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.chat.ChatMutes;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.matches.MatchView;
import dev.skirmish.lobby.players.PlayerBans;
import dev.skirmish.lobby.players.PlayerService;
import dev.skirmish.lobby.web.LobbyException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the console's players page reads: search by name, one player with its mute, ban and match history. */
@RestController
@RequestMapping("/api/admin")
public class PlayerAdminController {
    static final int MAX_RESULTS = 50;
    static final int MATCHES = 20;

    public record PlayerDetail(PlayerService.PlayerInfo player, ChatMutes.Mute mute, PlayerBans.Ban ban, List<MatchView> matches) {
    }

    private final PlayerService players;
    private final ChatMutes mutes;
    private final PlayerBans bans;
    private final MatchService matches;

    PlayerAdminController(PlayerService players, ChatMutes mutes, PlayerBans bans, MatchService matches) {
        this.players = players;
        this.mutes = mutes;
        this.bans = bans;
        this.matches = matches;
    }

    /** {@code name}: the start of a name (1-16 of the characters names are made of). */
    @GetMapping("/players")
    public List<PlayerService.PlayerInfo> search(@RequestParam String name, @RequestParam(defaultValue = "20") int limit) {
        if (!name.matches("[A-Za-z0-9_-]{1,16}"))
            throw LobbyException.badRequest("INVALID_NAME", "name must be 1-16 letters, digits, '_' or '-'");
        return players.search(name, Math.clamp(limit, 1, MAX_RESULTS));
    }

    @GetMapping("/players/{id}")
    public PlayerDetail player(@PathVariable String id) {
        if (id.length() > ModerationController.MAX_ID) throw LobbyException.notFound("PLAYER_NOT_FOUND", "no such player");
        var info = players.info(id).orElseThrow(() -> LobbyException.notFound("PLAYER_NOT_FOUND", "no such player"));
        return new PlayerDetail(info, mutes.of(id).orElse(null), bans.of(id).orElse(null),
                matches.forPlayer(id, 0, MATCHES, MATCHES).getContent());
    }

    /** Bans, the newest first; one whose end has passed is gone after the next moderation sweep. */
    @GetMapping("/bans")
    public List<PlayerBans.Ban> bans(@RequestParam(defaultValue = "100") int limit) {
        return bans.latest(limit);
    }
}
