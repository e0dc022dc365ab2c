package dev.skirmish.protocol.token;

/** Outcome of checking a connect token on the server: accepted with its private part, or why not. */
public sealed interface TokenCheck {
    record Valid(ConnectToken token, PrivateConnectToken contents) implements TokenCheck {
    }

    record Invalid(Reason reason) implements TokenCheck {
    }

    enum Reason { MALFORMED, WRONG_SESSION, EXPIRED, BAD_SEAL, INCONSISTENT }
}
