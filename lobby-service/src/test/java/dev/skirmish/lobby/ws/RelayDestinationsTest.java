package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * RabbitMQ refuses a '/' inside a {@code /topic/} name, so the relay (profile cluster) writes the lobby's topics with
 * dots towards RabbitMQ and with slashes again towards clients; and the outbound room filter must recognise a room
 * topic in either form, or a player who left a room would keep getting its messages through the relay.
 */
class RelayDestinationsTest {
    private static final String ROOM = "0b7a2f7e-5a0c-4c1e-9d8e-1f2a3b4c5d6e";

    @Test
    void roomTopicsTravelWithDotsAndComeBackWithSlashes() {
        assertThat(RelayDestinations.toBroker("/topic/rooms/" + ROOM + "/chat")).isEqualTo("/topic/rooms." + ROOM + ".chat");
        assertThat(RelayDestinations.toBroker("/topic/lobby/chat")).isEqualTo("/topic/lobby.chat");
        assertThat(RelayDestinations.toClient("/topic/rooms." + ROOM + ".chat")).isEqualTo("/topic/rooms/" + ROOM + "/chat");
        assertThat(RelayDestinations.toClient("/topic/rooms/" + ROOM)).isEqualTo("/topic/rooms/" + ROOM);
    }

    @Test
    void queuesAndSpringsOwnBroadcastsAreLeftAlone() {
        assertThat(RelayDestinations.toBroker("/queue/match-user1")).isEqualTo("/queue/match-user1");
        assertThat(RelayDestinations.toBroker(ClusterBroker.USER_REGISTRY_TOPIC)).isEqualTo(ClusterBroker.USER_REGISTRY_TOPIC);
        assertThat(RelayDestinations.toClient(ClusterBroker.UNRESOLVED_USER_TOPIC)).isEqualTo(ClusterBroker.UNRESOLVED_USER_TOPIC);
    }

    @Test
    void theRoomFilterSeesTheRoomOfADottedDelivery() {
        assertThat(StompGuard.roomOfTopic(RelayDestinations.toClient("/topic/rooms." + ROOM + ".chat"))).isEqualTo(ROOM);
    }
}
