package io.anomalyhunter.upgrade;

/** An upgrade or rollback refused before anything changed (wrong version, nothing installed, ...). */
public final class UpgradeException extends Exception {
    public UpgradeException(String message) {
        super(message);
    }
}
