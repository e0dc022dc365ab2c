package dev.skirmish.lobby.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as charged to an abuse limit; {@link LimitInterceptor} charges it before the body is
 * read or the handler runs, so a refused request costs the lobby nothing but the check.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Limited {
    Kind value();

    enum Kind {
        /** per client address: {@code guest-sign-ups-per-address} */
        GUEST_SIGN_UP,
        /** per client address: {@code admin-sign-ins-per-address} */
        ADMIN_SIGN_IN,
        /** per player: {@code rooms-per-player} */
        ROOM_CREATE,
        /** per player: {@code join-attempts-per-player} */
        JOIN,
        /** per player: {@code reports-per-player} */
        REPORT,
        /** per member of the room (path variable {@code id}): {@code matches-per-player} */
        MATCH_START
    }
}
