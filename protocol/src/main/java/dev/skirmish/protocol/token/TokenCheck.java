package dev.skirmish.protocol.token;

/**
 * Outcome of checking a CONNECTION_REQUEST on the server: accepted with the token's private part, or why not
 * (WRONG_SESSION: the session id cannot even form associated data; a token of another session is BAD_SEAL).
 */
public sealed interface TokenCheck {
    record Valid(PrivateConnectToken contents) implements TokenCheck {
    }

    record Invalid(Reason reason) implements TokenCheck {
    }

    enum Reason { MALFORMED, WRONG_SESSION, EXPIRED, BAD_SEAL, INCONSISTENT }
}
