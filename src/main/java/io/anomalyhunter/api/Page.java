package io.anomalyhunter.api;

import java.util.List;

/** One page of a listing; {@code nextOffset} is null on the last page. */
public record Page<T>(List<T> items, int offset, int limit, Integer nextOffset) {
    static <T> Page<T> of(List<T> items, int offset, int limit) {
        return new Page<>(items, offset, limit, items.size() == limit ? offset + limit : null);
    }
}
