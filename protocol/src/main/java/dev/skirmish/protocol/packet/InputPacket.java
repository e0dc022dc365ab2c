package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.List;

/**
 * Client → server, sealed: the newest inputs first (1..8, strictly decreasing sequences, so a lost packet is
 * covered by the next ones), plus acks: the newest snapshot tick received ({@link SnapshotPacket#NO_TICK} when
 * none yet) and the highest event sequence received with no gap (0 when none).
 */
public record InputPacket(long ackSnapshotTick, long ackEventSequence, List<InputFrame> inputs) implements Packet {
    public InputPacket {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty() || inputs.size() > Protocol.INPUT_REDUNDANCY) {
            throw new IllegalArgumentException("1.." + Protocol.INPUT_REDUNDANCY + " inputs per packet");
        }
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i).sequence() >= inputs.get(i - 1).sequence()) {
                throw new IllegalArgumentException("inputs must be newest first with decreasing sequences");
            }
        }
        if (ackSnapshotTick < 0 || ackSnapshotTick > 0xFFFF_FFFFL || ackEventSequence < 0
                || ackEventSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("acks must be u32");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.INPUT;
    }

    public long newestSequence() {
        return inputs.getFirst().sequence();
    }

    @Override
    public void writePayload(WireWriter w) {
        w.u32(ackSnapshotTick).u32(ackEventSequence).u8(inputs.size());
        for (InputFrame f : inputs) {
            f.write(w);
        }
    }

    /**
     * Reads the rest of {@code r} as an INPUT payload. The wire rules live in {@link InputView#decode} (the server's
     * allocation-free path) and only there, so this path cannot accept what that one refuses, or the reverse.
     */
    public static InputPacket read(WireReader r) {
        byte[] payload = r.bytes(r.remaining());
        InputView view = new InputView();
        if (!view.decode(payload, 0, payload.length)) {
            throw new MalformedPacketException(view.refusal());
        }
        return view.toPacket();
    }
}
