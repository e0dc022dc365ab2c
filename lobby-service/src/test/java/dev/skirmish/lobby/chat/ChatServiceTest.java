package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.support.ServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ChatServiceTest extends ServiceTestBase {
    @Autowired
    ChatService chat;
    @Autowired
    RoomService rooms;

    @Test
    void onlyMembersChatInARoomAndReadItsHistory() {
        var alice = player("alice");
        var eve = player("eve");
        var room = rooms.create(alice, "talk", 4, false);
        chat.send(alice, room.id(), "hello").join();
        refused(403, "NOT_A_MEMBER", () -> chat.send(eve, room.id(), "let me in"));
        refused(403, "NOT_A_MEMBER", () -> chat.history(eve.playerId(), room.id(), 0, 10));
        assertThat(chat.history(alice.playerId(), room.id(), 0, 10).getContent()).extracting(ChatMessage::text).containsExactly("hello");
    }

    @Test
    void controlCharactersAreStrippedAndLengthIsChecked() {
        assertThat(ChatService.clean("  hi\u0000 there\u001b[31m\n ")).isEqualTo("hi there[31m");
        assertThat(ChatService.clean("x".repeat(500))).hasSize(500);
        refused(400, "INVALID_CHAT", () -> ChatService.clean("x".repeat(501)));
        refused(400, "INVALID_CHAT", () -> ChatService.clean("\u0001\u0002 "));
        refused(400, "INVALID_CHAT", () -> ChatService.clean(null));
    }

    @Test
    void aBurstOfTenIsAcceptedThenThatPlayerIsRefusedAndNobodyElse() {
        var alice = player("alice");
        var bob = player("bob");
        // the bucket refills at 5/s while we send, so on a slow machine a few more than 10 may pass: bound it by elapsed time
        long start = System.nanoTime();
        int accepted = 0;
        String refusedText = null;
        var stored = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 200 && refusedText == null; i++) {
            try {
                stored.add(chat.send(alice, null, "spam " + i));
                accepted++;
            } catch (dev.skirmish.lobby.web.LobbyException e) {
                assertThat(e.code()).isEqualTo("CHAT_RATE_LIMITED");
                refusedText = "spam " + i;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertThat(refusedText).as("refused at some point").isNotNull();
        assertThat(accepted).isBetween(10, 10 + (int) Math.ceil(elapsed * 5) + 1);
        stored.forEach(java.util.concurrent.CompletableFuture::join);
        chat.send(bob, null, "I am fine").join();
        var lobby = chat.history(bob.playerId(), null, 0, 100).getContent();
        assertThat(lobby).extracting(ChatMessage::text).contains("I am fine", "spam 9").doesNotContain(refusedText);
    }

    @Test
    void historyIsPagedNewestFirst() {
        var alice = player("alice");
        var room = rooms.create(alice, "paged", 4, false);
        for (int i = 0; i < 5; i++) chat.send(alice, room.id(), "m" + i).join();
        var first = chat.history(alice.playerId(), room.id(), 0, 2);
        assertThat(first.getTotalElements()).isEqualTo(5);
        assertThat(first.getContent()).extracting(ChatMessage::text).containsExactly("m4", "m3");
        assertThat(chat.history(alice.playerId(), room.id(), 2, 2).getContent()).extracting(ChatMessage::text).containsExactly("m0");
    }

    @Test
    void acceptedMessagesAreStoredInSendOrderBeforeTheirFutureCompletes() {
        var players = java.util.stream.IntStream.range(0, 4).mapToObj(i -> player("p")).toList();
        var room = rooms.create(players.getFirst(), "busy", 4, false);
        players.subList(1, 4).forEach(p -> rooms.join(p, room.id(), null));
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 40; i++) futures.add(chat.send(players.get(i % 4), room.id(), "line " + i));
        var sent = futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(sent).extracting(ChatMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(sent).extracting(ChatMessage::text).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "line " + i).toList());
        var history = chat.history(players.get(2).playerId(), room.id(), 0, 100).getContent();
        assertThat(history).extracting(ChatMessage::id).containsExactlyElementsOf(sent.stream().map(ChatMessage::id).toList().reversed());
    }
}
