package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The console's overview figures, and {@code /console} itself (a static page whose every data call needs ADMIN). */
@Controller
public class OverviewController {
    public record Overview(int playersOnline, Map<String, Long> roomsByState) {
    }

    private final PresenceRegistry presence;
    private final RoomService rooms;

    OverviewController(PresenceRegistry presence, RoomService rooms) {
        this.presence = presence;
        this.rooms = rooms;
    }

    @GetMapping("/api/admin/overview")
    @ResponseBody
    public Overview overview() {
        Map<String, Long> byState = new LinkedHashMap<>();
        for (RoomState s : RoomState.values()) byState.put(s.name(), rooms.count(s));
        return new Overview(presence.connectedPlayers(), byState);
    }

    @GetMapping({"/console", "/console/"})
    public String console() {
        return "redirect:/console/index.html";
    }
}
