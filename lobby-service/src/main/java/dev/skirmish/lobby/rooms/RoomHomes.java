package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.ClusterProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Room affinity's routing half (issue 15, docs/scaling.md "Room affinity"): a room's home is the node that created
 * it, stored with the room, and the answers a client acts on (create, join, join by code, get) name it as
 * {@code "node"} so the client can ask HAProxy for that node ({@code /ws?node=}). A hint only: no node reads it back
 * from a client, and HAProxy falls back to its balancing when the named node is down. Only with profile
 * {@code cluster} and a configured {@code skirmish.cluster.node-name}: otherwise nothing is stored and no answer
 * changes by a byte.
 */
@Component
class RoomHomes {
    /** This node's name when hints are on, else null. */
    private final String mine;

    RoomHomes(ClusterProperties cluster, Environment environment) {
        this.mine = environment.matchesProfiles("cluster") ? cluster.nodeName() : null;
    }

    /** The home a room created here stores: this node, or null without hints. */
    String mine() {
        return mine;
    }

    /**
     * {@code view} with the room's home as its hint, when hints are on and the stored value is a node name (the
     * column is ours, but a value that is not one never reaches a client or HAProxy's match).
     */
    RoomView hinted(RoomView view, String storedHome) {
        if (mine == null || storedHome == null || !ClusterProperties.NODE_NAME.matcher(storedHome).matches()) return view;
        return view.withNode(storedHome);
    }
}
