package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.chat.ChatMessage;
import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.web.LobbyException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The console's rooms page: every room (private ones too) by state and name, one room with its members and chat. */
@RestController
@RequestMapping("/api/admin")
public class RoomAdminController {
    private static final Set<String> STATES = Arrays.stream(RoomState.values()).map(Enum::name).collect(Collectors.toSet());

    public record RoomPage(List<RoomView> items, int page, int size, long totalItems) {
    }

    public record RoomDetail(RoomView room, List<ChatMessage> chat) {
    }

    private final RoomService rooms;
    private final ChatService chat;

    RoomAdminController(RoomService rooms, ChatService chat) {
        this.rooms = rooms;
        this.chat = chat;
    }

    @GetMapping("/rooms")
    public RoomPage rooms(@RequestParam(required = false) String state, @RequestParam(required = false) String name,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (name != null && name.length() > 32) throw LobbyException.badRequest("INVALID_ROOM_NAME", "name filter is at most 32 characters");
        String s = ConsoleInputs.state(state, STATES);
        var p = rooms.listForOperators(s == null ? null : RoomState.valueOf(s), name, page, size);
        return new RoomPage(p.getContent(), p.getNumber(), p.getSize(), p.getTotalElements());
    }

    /** {@code chat}: how many of the newest messages (1-200, default 50), newest first. */
    @GetMapping("/rooms/{id}")
    public RoomDetail room(@PathVariable String id, @RequestParam(defaultValue = "50") int chat) {
        RoomView room = rooms.get(ConsoleInputs.id(id), "");
        return new RoomDetail(room.withoutCode(), this.chat.latestForOperator(id, ConsoleInputs.limit(chat)));
    }

    /** The lobby channel's newest messages, newest first. */
    @GetMapping("/lobby/chat")
    public List<ChatMessage> lobbyChat(@RequestParam(defaultValue = "50") int limit) {
        return chat.latestForOperator(null, ConsoleInputs.limit(limit));
    }
}
