import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Virtual-thread starts and ends and thread parks per join in each round's window of a {@code stomp-joins.mjs
 * --vthreads} recording (issue 19, session 23), keyed by the first two frames of the starting or parking thread's stack
 * that are not the JDK's or Jetty's thread machinery. Streams the recording (a JSON print of it is too large for Node).
 * Usage: {@code java JfrVirtualThreads.java <recording.jfr> <joins per round> <from ISO> <to ISO> [<from> <to> ...]};
 * prints one JSON object per round, one a line.
 */
public class JfrVirtualThreads {
    static final Pattern MACHINERY = Pattern.compile("^(java\\.lang\\.(Thread|VirtualThread|ThreadBuilders|Object|System)|java\\.util\\.concurrent\\.|jdk\\.internal\\."
            + "|sun\\.nio\\.ch\\.(Poller|Net|IOUtil|NioSocketImpl|SelectorImpl|EPoll|ServerSocketChannelImpl|SocketChannelImpl)"
            + "|org\\.eclipse\\.jetty\\.util\\.thread\\.|org\\.eclipse\\.jetty\\.util\\.VirtualThreads)");

    public static void main(String[] args) throws Exception {
        int perRound = Integer.parseInt(args[1]);
        int rounds = (args.length - 2) / 2;
        long[] lo = new long[rounds], hi = new long[rounds];
        List<Map<String, Map<String, Integer>>> by = new ArrayList<>();
        int[][] counts = new int[rounds][4];
        for (int r = 0; r < rounds; r++) {
            lo[r] = Instant.parse(args[2 + 2 * r]).toEpochMilli();
            hi[r] = Instant.parse(args[3 + 2 * r]).toEpochMilli();
            var m = new LinkedHashMap<String, Map<String, Integer>>();
            for (String k : List.of("started", "virtualParkedAt", "platformParkedAt")) m.put(k, new TreeMap<>());
            by.add(m);
        }
        try (var file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent ev = file.readEvent();
                String type = ev.getEventType().getName();
                int kind = switch (type) {
                    case "jdk.VirtualThreadStart" -> 0;
                    case "jdk.VirtualThreadEnd" -> 1;
                    case "jdk.ThreadPark" -> ev.getThread() != null && ev.getThread().isVirtual() ? 2 : 3;
                    default -> -1;
                };
                if (kind < 0) continue;
                long t = ev.getStartTime().toEpochMilli();
                for (int r = 0; r < rounds; r++) {
                    if (t < lo[r] || t > hi[r]) continue;
                    counts[r][kind]++;
                    String map = kind == 0 ? "started" : kind == 2 ? "virtualParkedAt" : kind == 3 ? "platformParkedAt" : null;
                    // a start is recorded on the new thread itself, its stack only VirtualThread.run: keyed by its name
                    if (map != null) by.get(r).get(map).merge(kind == 0 ? threadName(ev) : where(ev), 1, Integer::sum);
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            var out = new StringBuilder("{\"startsEach\":").append(each(counts[r][0], perRound)).append(",\"endsEach\":").append(each(counts[r][1], perRound))
                    .append(",\"virtualParksEach\":").append(each(counts[r][2], perRound)).append(",\"platformParksEach\":").append(each(counts[r][3], perRound));
            for (var e : by.get(r).entrySet()) {
                out.append(",\"").append(e.getKey()).append("\":{");
                var sorted = new ArrayList<>(e.getValue().entrySet());
                sorted.sort((a, b) -> b.getValue() - a.getValue());
                boolean first = true;
                for (var kv : sorted) {
                    if (kv.getValue() * 100 < perRound) continue; // under 0.01 per join
                    if (!first) out.append(',');
                    first = false;
                    out.append('"').append(kv.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(each(kv.getValue(), perRound));
                }
                out.append('}');
            }
            System.out.println(out.append('}'));
        }
    }

    static String each(int n, int perRound) {
        return String.valueOf(Math.round(100.0 * n / perRound) / 100.0);
    }

    static String threadName(RecordedEvent ev) {
        var thread = ev.getThread();
        String name = thread == null ? null : thread.getJavaName();
        return name == null || name.isEmpty() ? "(unnamed)" : name.replaceAll("\\d+", "N");
    }

    static String where(RecordedEvent ev) {
        var trace = ev.getStackTrace();
        if (trace == null) return "(no stack)";
        List<String> own = new ArrayList<>(), all = new ArrayList<>();
        for (RecordedFrame f : trace.getFrames()) {
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            all.add(name);
            if (!MACHINERY.matcher(name).find()) own.add(name);
        }
        List<String> pick = own.isEmpty() ? all : own;
        return String.join(" < ", pick.subList(0, Math.min(2, pick.size())))
                .replaceAll("(^| < )(org\\.eclipse\\.jetty|org\\.springframework|dev\\.skirmish\\.lobby)\\.", "$1");
    }
}
