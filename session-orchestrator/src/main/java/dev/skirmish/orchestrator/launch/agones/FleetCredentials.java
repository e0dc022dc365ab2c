package dev.skirmish.orchestrator.launch.agones;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential a game server fetches its assignment with (docs/kubernetes.md): HMAC-SHA256 over its own
 * GameServer name under the fleet secret, base64url without padding. Bound to the name, so a credential seen for
 * one GameServer opens no other; the game server computes the same from the secret mounted into its pod.
 */
public final class FleetCredentials {
    /** Versions the construction, so a later one cannot be confused with this. */
    static final String CONTEXT = "skirmish-agones-assignment-v1:";
    /** Shorter secrets are refused: the credential is only as strong as the secret. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;

    public FleetCredentials(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return secret.length >= MIN_SECRET_BYTES;
    }

    public String credentialFor(String gameServerName) {
        if (!configured()) {
            throw new IllegalStateException("no fleet secret of at least " + MIN_SECRET_BYTES + " bytes configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((CONTEXT + gameServerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant time in where the first differing byte is; false without a configured secret. */
    public boolean verify(String gameServerName, String presented) {
        if (!configured() || gameServerName == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(credentialFor(gameServerName).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
