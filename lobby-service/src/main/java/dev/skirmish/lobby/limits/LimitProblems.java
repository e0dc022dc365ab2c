package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.web.ProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.exc.StreamConstraintsException;

/** The limits' refusals as problem details: 429 with {@code Retry-After}, 413 for a body read past the limit, 400 for JSON over its bounds. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LimitProblems {
    private final LimitProperties props;
    private final MeterRegistry meters;

    LimitProblems(LimitProperties props, MeterRegistry meters) {
        this.props = props;
        this.meters = meters;
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequests e) {
        meters.counter("lobby.limits.refused", "code", e.code()).increment();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .body(ProblemHandler.problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeFilter.BodyTooLarge) {
                meters.counter("lobby.limits.refused", "code", "BODY_TOO_LARGE").increment();
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header("Connection", "close")
                        .body(ProblemHandler.problem(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE",
                                "request body over " + props.maxBodySize().toBytes() + " bytes"));
            }
            if (t instanceof StreamConstraintsException) {
                meters.counter("lobby.limits.refused", "code", "JSON_TOO_LARGE").increment();
                return ResponseEntity.badRequest().body(ProblemHandler.problem(HttpStatus.BAD_REQUEST, "JSON_TOO_LARGE",
                        "the body has a JSON string over " + props.maxJsonStringLength() + " characters, or nesting deeper than "
                                + props.maxJsonNestingDepth() + ", or a number over 64 digits"));
            }
        }
        // the same answer as ProblemHandler gives when no limit was involved
        return ResponseEntity.badRequest().body(ProblemHandler.problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                "request body is missing or is not valid JSON of the expected shape"));
    }
}
