package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.limits.Limited;
import dev.skirmish.lobby.security.PlayerToken;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/rooms")
public class RoomController {

    public record JoinRequest(String code) {
    }

    public record KickRequest(String playerId) {
    }

    public record ReadyRequest(Boolean ready) {
    }

    public record RoomPage(List<RoomView> items, int page, int size, long totalItems, int totalPages) {
    }

    private final RoomService rooms;
    private final RoomStarts starts;

    public RoomController(RoomService rooms, RoomStarts starts) {
        this.rooms = rooms;
        this.starts = starts;
    }

    @GetMapping
    public RoomPage list(@RequestParam(required = false) RoomState state, @RequestParam(required = false) String name,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        var p = rooms.list(state, name, page, size);
        return new RoomPage(p.getContent(), p.getNumber(), p.getSize(), p.getTotalElements(), p.getTotalPages());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Limited(Limited.Kind.ROOM_CREATE)
    public RoomView create(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player,
                           @RequestBody CreateRoomRequest body) {
        return rooms.create(player, body.name(), body.capacity() == null ? 0 : body.capacity(), Boolean.TRUE.equals(body.isPrivate()),
                body.matchSeconds());
    }

    @GetMapping("/{id}")
    public RoomView get(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id) {
        return rooms.getForPlayer(id, player.playerId());
    }

    @PostMapping("/join-by-code")
    @Limited(Limited.Kind.JOIN)
    public RoomView joinByCode(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player,
                               @RequestBody JoinRequest body) {
        return rooms.joinByCode(player, body.code());
    }

    @PostMapping("/{id}/join")
    @Limited(Limited.Kind.JOIN)
    public RoomView join(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id,
                         @RequestBody(required = false) JoinRequest body) {
        return rooms.join(player, id, body == null ? null : body.code());
    }

    @PostMapping("/{id}/leave")
    public RoomView leave(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id) {
        return rooms.leave(player, id);
    }

    @PostMapping("/{id}/kick")
    public RoomView kick(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id,
                         @RequestBody KickRequest body) {
        return rooms.kick(player, id, body.playerId());
    }

    @PostMapping("/{id}/ready")
    public RoomView ready(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id,
                          @RequestBody ReadyRequest body) {
        return rooms.ready(player, id, body.ready() == null || body.ready());
    }

    @PostMapping("/{id}/start")
    @Limited(Limited.Kind.MATCH_START)
    public RoomView start(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id) {
        return starts.start(player, id);
    }
}
