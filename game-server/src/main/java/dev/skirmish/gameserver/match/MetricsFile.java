package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --metrics-file}: the server's own measurements as flat JSON, for the benchmark harness. */
final class MetricsFile {
    private static final Logger log = LoggerFactory.getLogger(MetricsFile.class);

    private MetricsFile() {
    }

    static String toJson(GameServer.Metrics m) {
        return "{\"ticks\":" + m.ticks() + ",\"tick_ms_p50\":" + Json.number(m.tickMsP50())
                + ",\"tick_ms_p99\":" + Json.number(m.tickMsP99()) + ",\"tick_ms_max\":" + Json.number(m.tickMsMax())
                + ",\"tick_cpu_ms_p50\":" + Json.number(m.tickCpuMsP50())
                + ",\"tick_cpu_ms_p99\":" + Json.number(m.tickCpuMsP99())
                + ",\"tick_cpu_ms_max\":" + Json.number(m.tickCpuMsMax())
                + ",\"tick_jitter_ms_p99\":" + Json.number(m.jitterMsP99()) + ",\"missed_ticks\":" + m.missedTicks()
                + ",\"bytes_in\":" + m.bytesIn() + ",\"bytes_out\":" + m.bytesOut()
                + ",\"max_packet_bytes\":" + m.maxPacketBytes()
                + ",\"delta_to_full_ratio\":" + Json.number(m.deltaToFullRatio())
                + ",\"dropped_packets\":" + m.droppedPackets()
                + ",\"dropped_inbound\":" + m.droppedInbound() + ",\"inputs_lost\":" + m.inputsLost()
                + ",\"event_ack_ms_p99\":" + Json.number(m.eventAckMsP99()) + "}\n";
    }

    static void write(Path file, GameServer.Metrics m) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(m));
        } catch (IOException e) {
            log.warn("metrics not written to {}: {}", file, e.toString());
        }
    }
}
