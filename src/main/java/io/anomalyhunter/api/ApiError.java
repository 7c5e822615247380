package io.anomalyhunter.api;

/** The one error body of the API: a closed kind (bad_data, not_found, unavailable) and a message for people. */
public record ApiError(String error, String message) {
}
