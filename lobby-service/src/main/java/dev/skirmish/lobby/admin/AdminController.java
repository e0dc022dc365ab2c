package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.limits.Limited;
import dev.skirmish.lobby.security.TokenService;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator sign-in and the audit log; every other path under {@code /api/admin} needs the role ADMIN too. */
@RestController
@RequestMapping("/api/admin")
public class AdminController {
    public record SignInRequest(String name, String password) {
    }

    public record OperatorSession(String operator, String token, Instant expiresAt) {
    }

    private final Operators operators;
    private final TokenService tokens;
    private final AuditLog audit;

    AdminController(Operators operators, TokenService tokens, AuditLog audit) {
        this.operators = operators;
        this.tokens = tokens;
        this.audit = audit;
    }

    @PostMapping("/sign-in")
    @Limited(Limited.Kind.ADMIN_SIGN_IN)
    public OperatorSession signIn(@RequestBody SignInRequest request) {
        String operator = operators.authenticate(request.name(), request.password());
        var token = tokens.issueAdmin(operator);
        audit.record(operator, "SIGN_IN", null, null);
        return new OperatorSession(operator, token.token(), token.expiresAt());
    }

    @GetMapping("/audit")
    public List<AuditLog.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
        return audit.latest(limit);
    }

    @GetMapping("/me")
    public OperatorSession me(@Parameter(hidden = true) @AuthenticationPrincipal String operator) {
        return new OperatorSession(operator, null, null);
    }
}
