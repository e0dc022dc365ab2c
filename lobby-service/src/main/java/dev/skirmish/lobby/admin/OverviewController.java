package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The console's overview figures, and {@code /console} itself (a static page whose every data call needs ADMIN). */
@Controller
public class OverviewController {
    /**
     * @param startsPerMinute  matches started in the last 60 s
     * @param sessionsByState  the orchestrator's count of sessions in each state; null when it cannot be asked, then
     *                         {@code orchestratorError} says why
     */
    public record Overview(int playersOnline, Map<String, Long> roomsByState, long matchesRunning, long startsPerMinute,
                           Map<String, Long> sessionsByState, Integer gameServerProcesses, String orchestratorError) {
    }

    private final PresenceRegistry presence;
    private final RoomService rooms;
    private final MatchService matches;
    private final SessionClient sessions;
    private final Clock clock;

    OverviewController(PresenceRegistry presence, RoomService rooms, MatchService matches, SessionClient sessions, Clock clock) {
        this.presence = presence;
        this.rooms = rooms;
        this.matches = matches;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GetMapping("/api/admin/overview")
    @ResponseBody
    public Overview overview() {
        Map<String, Long> byState = new LinkedHashMap<>();
        rooms.countByState().forEach((s, n) -> byState.put(s.name(), n));
        SessionClient.SessionCounts counts = null;
        String error = null;
        try {
            counts = sessions.counts();
        } catch (SessionException e) {
            error = e.getMessage();
        }
        return new Overview(presence.connectedPlayers(), byState, matches.running(),
                matches.startedSince(clock.instant().minus(Duration.ofMinutes(1))),
                counts == null ? null : counts.byState(), counts == null ? null : counts.processes(), error);
    }

    @GetMapping({"/console", "/console/"})
    public String console() {
        return "redirect:/console/index.html";
    }
}
