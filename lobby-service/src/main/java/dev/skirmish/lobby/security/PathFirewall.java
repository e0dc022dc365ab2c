package dev.skirmish.lobby.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} (it refuses {@code ;}, encoded slashes, periods and percents,
 * {@code //}, backslashes and control characters) plus one rule of ours: no {@code %} at all in the path. No lobby
 * path needs an escape, and a path that means something other than it spells (as {@code /%69nternal/...} for
 * {@code /internal/...}) is how a caller slips past a rule written for the plain spelling. A refused request gets
 * 400 from {@link #rejectedHandler()} before any chain, filter or controller sees it. The header rules are the strict
 * firewall's own, checked by a character scan ({@link HeaderChars}) rather than its regexes.
 */
final class PathFirewall implements HttpFirewall {
    private static final Logger log = LoggerFactory.getLogger(PathFirewall.class);
    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    PathFirewall() {
        strict.setAllowedHeaderNames(HeaderChars.NAMES);
        strict.setAllowedHeaderValues(HeaderChars.VALUES);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri != null && uri.indexOf('%') >= 0) {
            throw new RequestRejectedException("The request was rejected because the URL path contained an encoded character");
        }
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    static RequestRejectedHandler rejectedHandler() {
        return (request, response, e) -> {
            // the reason may quote what the caller sent (a rejected header value): no control characters reach the log
            String why = String.valueOf(e.getMessage()).replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
            log.warn("HTTP {} from {} refused by the firewall: {}", request.getMethod(), request.getRemoteAddr(),
                    why.length() > 200 ? why.substring(0, 200) + "..." : why);
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                    "the request path is not allowed: no encoded characters (%XX), ';', '//' or '\\' in a path", null);
        };
    }
}
