package dev.skirmish.gameserver.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP request of the game server (the orchestrator's callbacks, the Agones SDK sidecar) over
 * {@link HttpURLConnection}: no java.net.http, whose client costs a cold start ~80-100 ms (docs/benchmarks.md). The
 * answer is read to its end, but never beyond a bound, so a hostile or broken peer cannot make the server buffer
 * without limit, and a fully read answer lets the connection go back to the JDK's keep-alive cache.
 */
public final class HttpCall {
    private HttpCall() {
    }

    /** The status and the (bounded) body of an answer; an error status's body is its error stream's. */
    public record Answer(int status, String body) {
    }

    /** A connection that neither caches nor follows redirects (a redirect would carry the key elsewhere). */
    public static HttpURLConnection open(String url, String method, int connectTimeoutMs, int readTimeoutMs)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(connectTimeoutMs);
        c.setReadTimeout(readTimeoutMs);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /**
     * Sends {@code body} (JSON, if not null) and reads the answer; {@code what} names the call in the error when the
     * answer is larger than {@code maxBytes}. The caller disconnects {@code c} when this throws.
     */
    public static Answer exchange(HttpURLConnection c, String body, int maxBytes, String what) throws IOException {
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setRequestProperty("Content-Type", "application/json");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = "";
        if (in != null) {
            try (in) {
                byte[] read = in.readNBytes(maxBytes + 1);
                if (read.length > maxBytes) {
                    c.disconnect(); // the rest is not read: this connection cannot be reused
                    throw new IOException(what + " answer larger than " + maxBytes + " bytes");
                }
                text = new String(read, StandardCharsets.UTF_8);
            }
        }
        return new Answer(status, text);
    }
}
