package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.config.LobbyProperties;
import java.util.List;
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
    private final LobbyProperties props;

    public MatchController(MatchService matches, LobbyProperties props) {
        this.matches = matches;
        this.props = props;
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
