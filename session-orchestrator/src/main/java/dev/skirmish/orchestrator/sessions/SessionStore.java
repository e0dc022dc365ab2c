package dev.skirmish.orchestrator.sessions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session row's writes for the lifecycle: one transition, one transaction, the row and the event it causes
 * (if any) committed together. Only the lifecycle classes use it; reads go through {@link SessionQueries}.
 */
@Component
class SessionStore {
    private final SessionRepository repository;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    SessionStore(SessionRepository repository, PlatformTransactionManager transactions, DataSource dataSource) {
        this.repository = repository;
        this.tx = new TransactionTemplate(transactions);
        this.jdbc = JdbcClient.create(dataSource);
    }

    void insert(SessionEntity e) {
        repository.save(e);
    }

    void update(LiveSession live, Consumer<SessionEntity> change) {
        update(live, change, null);
    }

    /** One transition, one transaction: the session row and the event it causes (if any) commit together. */
    void update(LiveSession live, Consumer<SessionEntity> change, Runnable event) {
        tx.executeWithoutResult(status -> {
            repository.findById(live.id()).ifPresent(e -> {
                change.accept(e);
                repository.save(e);
            });
            if (event != null) {
                event.run();
            }
        });
    }

    /** A warm server's match: the lobby waits on this transaction, so one UPDATE (and the event's INSERT). */
    void allocate(LiveSession live, String playersJson, int matchSeconds, Instant allocatedAt, Runnable event) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE game_session SET room_id = ?, players_json = ?, match_seconds = ?, allocated_at = ?"
                            + " WHERE id = ?")
                    .params(live.roomId(), playersJson, matchSeconds,
                            OffsetDateTime.ofInstant(allocatedAt, ZoneOffset.UTC), live.id())
                    .update();
            event.run();
        });
    }
}
