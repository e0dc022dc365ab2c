package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/matches")
public class MatchController {
    public record MatchPage(List<MatchView> items, int page, int size, long totalItems, int totalPages) {
    }

    private final MatchService matches;
    private final LiveMatches live;
    private final LobbyProperties props;

    public MatchController(MatchService matches, LiveMatches live, LobbyProperties props) {
        this.matches = matches;
        this.live = live;
        this.props = props;
    }

    /**
     * The caller's own running match: where to connect and its connect token, as {@code /user/queue/match} delivered
     * it, so a client that restarted mid-match can get back in. Only the player the token was issued to gets it.
     */
    @GetMapping("/current")
    public MatchAssignment current(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player) {
        return live.current(player.playerId()).orElseThrow(() -> LobbyException.notFound("NO_CURRENT_MATCH", "you are not in a running match"));
    }

    /** {@code player} is a player id or name. */
    @GetMapping
    public MatchPage list(@RequestParam String player, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var p = matches.forPlayer(player, page, size, props.maxPageSize());
        return new MatchPage(p.getContent(), p.getNumber(), p.getSize(), p.getTotalElements(), p.getTotalPages());
    }

    @GetMapping("/{id}")
    public MatchView get(@PathVariable String id) {
        return matches.get(id);
    }
}
