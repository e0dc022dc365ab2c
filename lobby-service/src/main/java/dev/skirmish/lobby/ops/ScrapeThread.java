package dev.skirmish.lobby.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /actuator/prometheus} served on a platform thread of its own ({@code metrics-scrape}), its request's
 * virtual thread parked (unmounted) until it is done. A scrape is milliseconds of CPU with nothing that parks (the
 * text writer, the gauges): on a virtual thread it held one of the scheduler's carriers, one per core (two here),
 * from start to end, while the fan-out's virtual threads (the outbound channel, the outboxes' writers) queued for the
 * other (issue 15: the scrape at the chat window's edge, docs/benchmarks.md, session 23 scrape27). A platform thread
 * is preempted by the kernel like any other. Ordered after Spring Security's chain: only a caller with the service
 * key gets here. One thread and two waiting at most (every scrape after that runs on its own request thread, as
 * before): callers cannot queue work without bound.
 */
final class ScrapeThread extends OncePerRequestFilter {
    static final String NAME = "metrics-scrape";

    private final ThreadPoolExecutor scraper = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2),
            Thread.ofPlatform().name(NAME).daemon(true).factory(), new ThreadPoolExecutor.AbortPolicy());

    ScrapeThread() {
        // gone when idle (Prometheus asks every 15 s; a lobby nobody scrapes keeps no thread): nothing to shut down with the context
        scraper.allowCoreThreadTimeOut(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Future<?> done;
        try {
            done = scraper.submit(() -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (RejectedExecutionException busy) {
            chain.doFilter(request, response);
            return;
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            // the request's thread gives up (its connection closed); the scrape ends on its own
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while the scrape ran", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case ServletException se -> throw se;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new ServletException(e.getCause());
            }
        }
    }
}
