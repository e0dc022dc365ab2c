package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.sessions.SessionException;
import dev.skirmish.lobby.web.LobbyException;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/** Checks shared by the console's read endpoints: ids, states and paging are bounded before any query runs. */
final class ConsoleInputs {
    static final int MAX_LIMIT = 200;

    private ConsoleInputs() {
    }

    /** Ids are UUID-like or orchestrator ids ({@code s-} and hex): anything else never reaches a query or a URL. */
    static String id(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) throw LobbyException.badRequest("INVALID_ID", "ids are 1-64 letters, digits, '_' or '-'");
        return id;
    }

    /** null or blank: no filter; otherwise one of {@code allowed}. */
    static String state(String state, Set<String> allowed) {
        if (state == null || state.isBlank()) return null;
        if (!allowed.contains(state)) throw LobbyException.badRequest("INVALID_STATE", "state must be one of " + allowed);
        return state;
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw LobbyException.badRequest("INVALID_LIMIT", "limit must be 1-" + MAX_LIMIT);
        return limit;
    }

    /** The orchestrator's answer, or a problem with a code when it cannot be asked. */
    static <T> T orchestrator(Supplier<T> call) {
        try {
            return call.get();
        } catch (SessionException e) {
            throw new LobbyException(HttpStatus.BAD_GATEWAY, "ORCHESTRATOR_UNAVAILABLE", e.getMessage());
        }
    }
}
