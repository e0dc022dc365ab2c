package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The server's INPUT fast path ({@link ServerEndpoint.InputSink}, {@link InputView}): it decodes hostile bytes into
 * scratch instead of records, so it must refuse exactly what the record decoder refuses and keep every check of the
 * record path (replay window, tag, per-player rate), while allocating next to nothing per packet.
 */
class InputSinkTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.1", 50001);

    final byte[] sessionKey = ConnectTokens.newSessionKey();
    long now = 1_800_000_000_000L;
    final LoopbackNet serverNet = new LoopbackNet();
    final LoopbackNet clientNet = new LoopbackNet();
    final ServerEndpoint server = new ServerEndpoint(new ServerConfig("s-1", sessionKey, List.of("alice")),
            serverNet, now);
    final List<InputPacket> received = new ArrayList<>();

    InputSinkTest() {
        server.inputSink((player, input) -> received.add(input.toPacket()));
    }

    ClientEndpoint connectAlice() {
        ConnectToken token = ConnectToken.parse(ConnectTokens.issue(sessionKey, "s-1", "id-alice", "alice", SERVER,
                Instant.ofEpochMilli(now).plusSeconds(3600)));
        ClientEndpoint client = new ClientEndpoint(token, SERVER, clientNet, now);
        for (int round = 0; round < 10 && client.state() != ClientState.CONNECTED; round++) {
            client.update(now);
            for (LoopbackNet.Sent s : clientNet.drain()) {
                server.receive(s.datagram(), ALICE, now);
            }
            for (LoopbackNet.Sent s : serverNet.drain()) {
                client.receive(s.datagram(), SERVER, now);
            }
        }
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        return client;
    }

    static InputPacket input(int sequence) {
        return new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(sequence, InputFrame.RIGHT)));
    }

    byte[] sealedInput(ClientEndpoint client, InputPacket p) {
        client.send(p, now);
        return clientNet.drain().getFirst().datagram();
    }

    /**
     * Malformed payloads (bad counts, trailing or missing bytes, unknown buttons, sequences out of order or range).
     * The record decoder ({@link InputPacket#read}) is now the scratch decoder plus {@code toPacket()}, so the
     * independent reference is what the records' own constructors accept, read field by field.
     */
    @Test
    void theScratchDecoderRefusesExactlyWhatTheRecordDecoderRefuses() {
        Random random = new Random(17);
        InputView view = new InputView();
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] payload = payload(random);
            InputPacket expected = byTheRecordsInvariants(payload);
            boolean ok = view.decode(payload, 0, payload.length);
            assertThat(ok).as("payload %s", Arrays.toString(payload)).isEqualTo(expected != null);
            assertThat(recordDecode(payload)).as("payload %s", Arrays.toString(payload)).isEqualTo(expected);
            if (ok) {
                accepted++;
                assertThat(view.toPacket()).isEqualTo(expected);
            } else {
                assertThat(view.refusal()).isNotBlank();
            }
        }
        assertThat(accepted).as("the generator also makes valid packets").isGreaterThan(5_000);
    }

    /** The layout (two u32 acks, a count, count frames of u32 + u8, nothing after) checked only by the records. */
    static InputPacket byTheRecordsInvariants(byte[] payload) {
        try {
            WireReader r = new WireReader(payload);
            long ackTick = r.u32();
            long ackEvent = r.u32();
            int count = r.u8();
            List<InputFrame> frames = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                frames.add(new InputFrame(r.u32(), r.u8()));
            }
            r.expectEnd();
            return new InputPacket(ackTick, ackEvent, frames);
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A valid INPUT payload, then (mostly) one hostile change to it. */
    static byte[] payload(Random random) {
        int n = 1 + random.nextInt(8);
        WireWriter w = new WireWriter(64);
        w.u32(random.nextInt(3) == 0 ? 0xFFFF_FFFFL : random.nextInt(1 << 20)).u32(random.nextInt(1 << 20)).u8(n);
        long sequence = 1 + n + random.nextInt(1000);
        for (int i = 0; i < n; i++) {
            w.u32(sequence - i).u8(random.nextInt(32));
        }
        byte[] b = Arrays.copyOf(w.array(), w.size());
        switch (random.nextInt(8)) {
            case 0 -> b[8] = (byte) random.nextInt(12); // count: 0, too many, or not matching the bytes
            case 1 -> b = Arrays.copyOf(b, Math.max(0, b.length + random.nextInt(11) - 5)); // truncated or trailing
            case 2 -> b[9 + 4 + 5 * random.nextInt(n)] = (byte) (32 + random.nextInt(224)); // unknown button bits
            case 3 -> b[9 + 5 * random.nextInt(n) + random.nextInt(4)] = (byte) random.nextInt(256); // sequence order
            case 4 -> Arrays.fill(b, 9, 13, (byte) (random.nextBoolean() ? 0 : 0xFF)); // sequence 0 or over 2^31-1
            default -> {
            }
        }
        return b;
    }

    static InputPacket recordDecode(byte[] payload) {
        try {
            return InputPacket.read(new WireReader(payload));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void aCapturedInputReplayedIsDroppedByTheFastPath() {
        ClientEndpoint client = connectAlice();
        byte[] first = sealedInput(client, input(1));
        assertThat(server.receive(first, ALICE, now)).isEmpty();
        assertThat(received).containsExactly(input(1));
        long dropped = server.stats().dropped();
        server.receive(first, ALICE, now);
        assertThat(received).as("the replay reached the game").hasSize(1);
        assertThat(server.stats().dropped()).isEqualTo(dropped + 1);
    }

    @Test
    void aTamperedOrMisaddressedInputIsDroppedByTheFastPath() {
        ClientEndpoint client = connectAlice();
        byte[] datagram = sealedInput(client, input(1));
        byte[] tampered = datagram.clone();
        tampered[tampered.length - 20] ^= 1;
        server.receive(tampered, ALICE, now);
        server.receive(datagram, new InetSocketAddress("127.0.0.66", 50001), now); // not alice's address
        assertThat(received).isEmpty();
        server.receive(datagram, ALICE, now); // the real one still counts: the tampered copy did not burn its sequence
        assertThat(received).containsExactly(input(1));
    }

    @Test
    void aFloodOfInputsBeyondThePerPlayerRateIsDroppedBeforeDecrypting() {
        ClientEndpoint client = connectAlice();
        int sent = ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND + 50;
        for (int i = 1; i <= sent; i++) {
            server.receive(sealedInput(client, input(i)), ALICE, now);
        }
        assertThat(received.size()).isLessThanOrEqualTo(ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND);
        assertThat(received.size()).isGreaterThan(ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND - 5);
    }

    /**
     * Every player's 60 INPUTs a second went through records, lists, Optionals and a fresh plaintext array each
     * (~900 bytes a packet): a match host's largest garbage source after the AEAD. A bound, not a timing.
     */
    @Test
    void receivingAnInputAllocatesAlmostNothing() {
        server.inputSink((player, input) -> { });
        ClientEndpoint client = connectAlice();
        InputHistory history = new InputHistory();
        List<byte[]> datagrams = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            history.record(i % 32);
            client.send(history.packet(SnapshotPacket.NO_TICK, 0), now);
            datagrams.add(clientNet.drain().getFirst().datagram());
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int warm = 20_000;
        for (int i = 0; i < warm; i++) {
            server.receive(datagrams.get(i), ALICE, now + i * 17L); // 60/s: within the rate
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int measured = datagrams.size() - warm;
        for (int i = warm; i < datagrams.size(); i++) {
            server.receive(datagrams.get(i), ALICE, now + i * 17L);
        }
        long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / measured;
        assertThat(server.stats().dropped()).isZero();
        assertThat(perPacket).as("bytes allocated per INPUT received").isLessThan(200);
    }
}
