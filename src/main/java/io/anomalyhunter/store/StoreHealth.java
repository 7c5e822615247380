package io.anomalyhunter.store;

import java.util.Optional;

/** Whether the store keeps up: empty when it does, else what is wrong, for /health. Thread-safe. */
public interface StoreHealth {
    Optional<String> degradation();
}
