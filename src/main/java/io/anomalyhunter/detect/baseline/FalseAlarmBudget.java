package io.anomalyhunter.detect.baseline;

/**
 * How many false alarms per day one series may raise, which sets how surprising a sample must be to open an
 * anomaly. The daemon shares a host-wide budget among the series it watches, so the answer changes as series
 * come and go. Implementations must be cheap and thread-safe.
 */
public interface FalseAlarmBudget {
    double perSeriesPerDay();

    /** A budget that does not depend on how many series are watched (one CSV series, one NAB file). */
    static FalseAlarmBudget fixed(double perDay) {
        if (!(perDay > 0)) {
            throw new IllegalArgumentException("false alarms per day must be positive, was " + perDay);
        }
        return () -> perDay;
    }
}
