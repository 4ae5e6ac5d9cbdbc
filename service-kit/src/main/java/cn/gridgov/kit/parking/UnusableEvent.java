package cn.gridgov.kit.parking;

/**
 * Thrown by a consumer for an event of a type it handles whose content it cannot use (data missing,
 * or not the type's record): no second attempt can change that, so the event is parked at once
 * instead of after the configured attempts.
 */
public class UnusableEvent extends RuntimeException {

    public UnusableEvent(String message) {
        super(message);
    }

    public UnusableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
