package dev.skirmish.lobby.chat;

/**
 * Runs a delivery lane's share of one stored batch of lines, so the fan-out can treat the batch as one unit (the
 * {@code ws} package writes each connection once per batch). Without such a bean the lines are delivered as they are.
 */
@FunctionalInterface
public interface DeliveryBatch {
    void around(Runnable deliveries);
}
