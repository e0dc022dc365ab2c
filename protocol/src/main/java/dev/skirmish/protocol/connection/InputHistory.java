package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** Client side: numbers inputs and keeps the last 8 so each INPUT packet repeats them (loss costs nothing). */
public final class InputHistory {
    private final Deque<InputFrame> recent = new ArrayDeque<>();
    private long nextSequence = 1;

    public InputFrame record(int buttons) {
        InputFrame f = new InputFrame(nextSequence++, buttons);
        recent.addFirst(f);
        if (recent.size() > Protocol.INPUT_REDUNDANCY) {
            recent.removeLast();
        }
        return f;
    }

    /** Newest first, as the INPUT packet wants them. */
    public List<InputFrame> recent() {
        List<InputFrame> out = new ArrayList<>(recent.size());
        for (Iterator<InputFrame> it = recent.iterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    public InputPacket packet(long ackSnapshotTick, long ackEventSequence) {
        if (recent.isEmpty()) {
            throw new IllegalStateException("no input recorded yet");
        }
        return new InputPacket(ackSnapshotTick, ackEventSequence, recent());
    }

    public long lastSequence() {
        return nextSequence - 1;
    }
}
