package dev.skirmish.gameserver.agones;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential of docs/kubernetes.md: HMAC-SHA256 under the fleet secret over
 * {@code "skirmish-agones-assignment-v1:" + GameServer name}, base64url without padding (the orchestrator computes
 * the same in its FleetCredentials).
 */
final class FleetCredential {
    static final int MIN_SECRET_BYTES = 32;
    private static final String CONTEXT = "skirmish-agones-assignment-v1:";

    private FleetCredential() {
    }

    static String forName(byte[] secret, String gameServerName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((CONTEXT + gameServerName).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
