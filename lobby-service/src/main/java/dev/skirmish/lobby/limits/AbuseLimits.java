package dev.skirmish.lobby.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The rate limits kept per address or per player (see {@link LimitProperties}). */
@Component
public class AbuseLimits {
    private final KeyedBuckets guestSignUps;
    private final KeyedBuckets roomsCreated;
    private final KeyedBuckets joins;
    private final KeyedBuckets adminSignIns;
    private final KeyedBuckets reports;

    /** @param shared present in profile {@code cluster}: the buckets live in PostgreSQL, one set for all nodes */
    @Autowired
    public AbuseLimits(LimitProperties props, Optional<SharedBuckets> shared) {
        this(props, Ticker.systemTicker(), shared.orElse(null));
    }

    AbuseLimits(LimitProperties props, Ticker ticker) {
        this(props, ticker, null);
    }

    private AbuseLimits(LimitProperties props, Ticker ticker, SharedBuckets shared) {
        long keys = props.maxTrackedKeys();
        this.guestSignUps = new KeyedBuckets("SIGN_UP_RATE_LIMITED", "guest sign-ups from this address", props.guestSignUpsPerAddress(),
                props.guestSignUpPeriod(), keys, ticker, shared);
        this.roomsCreated = new KeyedBuckets("ROOM_RATE_LIMITED", "rooms created", props.roomsPerPlayer(), props.roomPeriod(), keys, ticker, shared);
        this.joins = new KeyedBuckets("JOIN_RATE_LIMITED", "join attempts", props.joinAttemptsPerPlayer(), props.joinPeriod(), keys, ticker, shared);
        this.adminSignIns = new KeyedBuckets("SIGN_IN_RATE_LIMITED", "operator sign-in attempts from this address",
                props.adminSignInsPerAddress(), props.adminSignInPeriod(), keys, ticker, shared);
        this.reports = new KeyedBuckets("REPORT_RATE_LIMITED", "reports filed", props.reportsPerPlayer(), props.reportPeriod(), keys, ticker, shared);
    }

    public void guestSignUp(String remoteAddress) {
        guestSignUps.take(addressKey(remoteAddress));
    }

    public void adminSignIn(String remoteAddress) {
        adminSignIns.take(addressKey(remoteAddress));
    }

    public void reportFiled(String playerId) {
        reports.take(playerId);
    }

    public void roomCreated(String playerId) {
        roomsCreated.take(playerId);
    }

    public void joinAttempt(String playerId) {
        joins.take(playerId);
    }

    /** How many addresses / players the limits remember now, idle ones dropped: what the map cleaner leaves. */
    public long trackedKeys() {
        return guestSignUps.size() + roomsCreated.size() + joins.size() + adminSignIns.size() + reports.size();
    }

    /**
     * IPv4 addresses count one by one; IPv6 ones by their /64, since one host usually holds a whole /64 and could
     * otherwise take a new address for every sign-up.
     */
    static String addressKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) return String.valueOf(remoteAddress);
        try {
            // a literal: no name lookup happens
            InetAddress a = InetAddress.getByName(remoteAddress);
            if (a instanceof Inet6Address) return HexFormat.of().formatHex(a.getAddress(), 0, 8) + "::/64";
            return a.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
