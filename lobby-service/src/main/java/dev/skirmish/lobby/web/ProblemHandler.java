package dev.skirmish.lobby.web;

import dev.skirmish.websupport.ProblemCount;
import java.net.URI;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as RFC 9457 problem details with a {@code code}; stack traces stay in the log. */
@RestControllerAdvice
public class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /**
     * Every problem the lobby sends is built here, so it is counted from here: {@code skirmish.problems} by code
     * and status ({@link ProblemCount}; codes are constants of this code base, never caller input).
     */
    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemCount.count(code);
        var p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://skirmish.dev/problems/" + code.toLowerCase().replace('_', '-')));
        p.setTitle(status.getReasonPhrase());
        p.setProperty("code", code);
        return p;
    }

    @ExceptionHandler(LobbyException.class)
    ProblemDetail lobby(LobbyException e) {
        return problem(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", detail.isEmpty() ? "invalid request" : detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "request body is missing or is not valid JSON of the expected shape");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ProblemDetail badParam(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such endpoint");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse standard) {
            // Spring's own web errors (wrong method, media type, ...) already carry the right status
            HttpStatus status = HttpStatus.valueOf(standard.getStatusCode().value());
            return problem(status, status.name(), standard.getBody().getDetail() == null ? status.getReasonPhrase() : standard.getBody().getDetail());
        }
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "unexpected server error; it has been logged");
    }
}
