package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.web.LobbyException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Checks an operator's name and password against the configured bcrypt hashes. */
@Component
class Operators {
    static final int MAX_NAME = 64;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead */
    static final int MAX_PASSWORD_BYTES = 72;

    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final Map<String, String> hashes;
    /** compared against when the name is unknown, so a wrong name takes as long as a wrong password */
    private final String dummyHash;

    Operators(AdminProperties props) {
        this.hashes = props.operators().stream()
                .collect(Collectors.toUnmodifiableMap(AdminProperties.Operator::name, AdminProperties.Operator::passwordHash,
                        (a, b) -> { throw new IllegalStateException("skirmish.lobby.admin.operators: a name appears twice"); }));
        this.dummyHash = encoder.encode("no operator has this password");
        hashes.forEach((name, hash) -> {
            if (name == null || name.isBlank() || name.length() > MAX_NAME || hash == null || !hash.startsWith("$2"))
                throw new IllegalStateException("skirmish.lobby.admin.operators: each needs a name (1-" + MAX_NAME
                        + " characters) and a bcrypt password-hash");
        });
    }

    /** The operator's name when the password is right. @throws LobbyException 400 on an oversized input, 401 otherwise */
    String authenticate(String name, String password) {
        if (name == null || password == null || name.isEmpty() || password.isEmpty())
            throw LobbyException.badRequest("INVALID_SIGN_IN", "name and password are required");
        if (name.length() > MAX_NAME || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)
            throw LobbyException.badRequest("INVALID_SIGN_IN", "name at most " + MAX_NAME + " characters, password at most "
                    + MAX_PASSWORD_BYTES + " bytes");
        String hash = hashes.get(name);
        boolean ok = encoder.matches(password, hash == null ? dummyHash : hash);
        if (!ok || hash == null) throw LobbyException.unauthorized("wrong operator name or password");
        return name;
    }

}
