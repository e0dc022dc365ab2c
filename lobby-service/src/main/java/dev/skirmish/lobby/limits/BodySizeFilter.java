package dev.skirmish.lobby.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies over {@code max-body-size}: a declared Content-Length over the limit is answered {@code 413} before
 * anything reads the body (and the connection is closed rather than drained); a body without one (chunked) is read
 * through a counter that fails the read at the limit, which {@link LimitProblems} turns into the same {@code 413}.
 * First of all filters, so no later one ever buffers an oversized body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeFilter extends OncePerRequestFilter {
    private final long limit;
    private final Counter refused;

    public BodySizeFilter(LimitProperties props, MeterRegistry meters) {
        this.limit = props.maxBodySize().toBytes();
        this.refused = meters.counter("lobby.limits.refused", "code", "BODY_TOO_LARGE");
    }

    /** The body went over the limit while it was read. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes");
        }
    }

    static String problemJson(long limit) {
        return "{\"type\":\"https://skirmish.dev/problems/body-too-large\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"request body over " + limit + " bytes\",\"code\":\"BODY_TOO_LARGE\"}";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refused.increment();
            response.setStatus(413);
            response.setHeader("Connection", "close");
            response.setContentType("application/problem+json");
            response.getOutputStream().write(problemJson(limit).getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean mayHaveBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
        chain.doFilter(mayHaveBody ? new Bounded(request, limit) : request, response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream(), limit);
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String enc = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc)));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int count(int n) throws IOException {
            if (n > 0 && (read += n) > limit) throw new BodyTooLarge(limit);
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // never ask for more than one byte past the limit
            long room = limit - read + 1;
            return count(in.read(b, off, (int) Math.min(len, Math.max(1, room))));
        }

        @Override
        public boolean isFinished() { return in.isFinished(); }

        @Override
        public boolean isReady() { return in.isReady(); }

        @Override
        public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
