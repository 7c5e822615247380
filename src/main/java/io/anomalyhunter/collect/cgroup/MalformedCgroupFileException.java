package io.anomalyhunter.collect.cgroup;

/** A cgroup file whose content is not what the kernel documents; the figure is skipped, the rest kept. */
final class MalformedCgroupFileException extends RuntimeException {
    MalformedCgroupFileException(String message) {
        super(message);
    }
}
