package dev.skirmish.orchestrator.sessions;

import org.springframework.http.HttpStatus;

/** A refusal with the HTTP status and a reason a caller can act on; rendered as a problem detail. */
public class SessionException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final String code;

    public SessionException(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    /** With a machine-readable {@code code} in the problem detail (null: none). */
    public SessionException(HttpStatus status, String title, String detail, String code) {
        super(detail);
        this.status = status;
        this.title = title;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static SessionException notFound(String id) {
        return new SessionException(HttpStatus.NOT_FOUND, "Session not found", "no session " + id);
    }
}
