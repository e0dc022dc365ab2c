package dev.skirmish.orchestrator.web;

import dev.skirmish.orchestrator.sessions.SessionException;
import dev.skirmish.websupport.ProblemCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as an RFC 9457 problem detail; framework errors (bad JSON, validation) via the base class. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(SessionException.class)
    ProblemDetail session(SessionException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.title());
        if (e.code() != null) {
            p.setProperty("code", e.code());
        }
        ProblemCount.count(p);
        return p;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; see the orchestrator log");
        p.setTitle("Internal error");
        ProblemCount.count(p);
        return p;
    }

    /** The framework's own errors (bad JSON, validation, wrong method) are counted as they leave. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail p) {
            ProblemCount.count(p);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
