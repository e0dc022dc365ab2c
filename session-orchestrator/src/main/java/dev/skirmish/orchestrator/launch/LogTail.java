package dev.skirmish.orchestrator.launch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a game server's log, for the session record when it fails. */
public final class LogTail {
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    public static String lastLines(Path file, int lines) {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            int n = (int) Math.min(len, MAX_BYTES);
            byte[] buf = new byte[n];
            raf.seek(len - n);
            raf.readFully(buf);
            List<String> all = new ArrayList<>(Arrays.asList(new String(buf, StandardCharsets.UTF_8).split("\r?\n")));
            if (n < len && !all.isEmpty()) {
                all.removeFirst(); // probably cut in the middle
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
