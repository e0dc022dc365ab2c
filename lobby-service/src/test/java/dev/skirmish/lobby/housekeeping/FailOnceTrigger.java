package dev.skirmish.lobby.housekeeping;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.api.Trigger;

/** An H2 trigger that makes the database refuse the reopening of one armed room, once: a real failed write. */
public class FailOnceTrigger implements Trigger {
    static final AtomicReference<String> ARMED_ROOM = new AtomicReference<>();
    private int idColumn = -1;
    private int stateColumn = -1;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) throws SQLException {
        try (var columns = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (columns.next()) {
                int index = columns.getInt("ORDINAL_POSITION") - 1;
                String name = columns.getString("COLUMN_NAME");
                if (name.equalsIgnoreCase("id")) idColumn = index;
                if (name.equalsIgnoreCase("state")) stateColumn = index;
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String armed = ARMED_ROOM.get();
        if (armed == null || newRow == null || !armed.equals(newRow[idColumn]) || !"OPEN".equals(newRow[stateColumn])) return;
        if (ARMED_ROOM.compareAndSet(armed, null)) throw new SQLException("injected failure: the room cannot be reopened this once");
    }
}
