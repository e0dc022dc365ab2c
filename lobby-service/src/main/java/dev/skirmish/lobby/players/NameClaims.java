package dev.skirmish.lobby.players;

/**
 * The lock a sign-up holds while it checks that a name is free and takes it. One lock for every sign-up (the
 * method-wide monitor it replaces) made 160 sign-ups in flight queue behind each other's database round trips;
 * a lock per name key would need a map keyed by user input. A fixed set of stripes needs neither: sign-ups of one
 * name always share a stripe, and different names share one only by chance (1 in {@value #STRIPES}).
 * One lobby node only: across nodes of the cluster profile two sign-ups of one name are not serialised.
 */
final class NameClaims {
    static final int STRIPES = 256;

    private final Object[] stripes = new Object[STRIPES];

    NameClaims() {
        for (int i = 0; i < STRIPES; i++) stripes[i] = new Object();
    }

    /** The lock for a name key ({@link PlayerEntity#key}); the same key always gets the same lock. */
    Object of(String nameKey) {
        int h = nameKey.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
