package dev.skirmish.gameserver.match;

/** Sizes of the snapshots written, split full/delta, for the benchmark's delta_to_full_ratio. Tick thread only. */
public final class SnapshotStats {
    long fullCount;
    long fullBytes;
    long deltaCount;
    long deltaBytes;

    void record(boolean full, int stateBytes) {
        if (full) {
            fullCount++;
            fullBytes += stateBytes;
        } else {
            deltaCount++;
            deltaBytes += stateBytes;
        }
    }

    public long fullCount() {
        return fullCount;
    }

    public long deltaCount() {
        return deltaCount;
    }

    /** Mean delta state size over mean full state size; 0 until both kinds were sent. */
    public double deltaToFullRatio() {
        if (fullCount == 0 || deltaCount == 0 || fullBytes == 0) {
            return 0;
        }
        return (deltaBytes / (double) deltaCount) / (fullBytes / (double) fullCount);
    }
}
