package dev.mer.fetch.download;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a download tries.
 *
 * @param attemptsPerMirror attempts at one URL before moving to the next (at least 1)
 * @param baseDelay the delay before the first retry; doubled at each further one
 * @param maxDelay the largest delay between attempts, {@code Retry-After} included
 * @param connectTimeout TCP connect timeout
 * @param readTimeout the longest silence of the server while reading
 */
public record RetryPolicy(int attemptsPerMirror, Duration baseDelay, Duration maxDelay, Duration connectTimeout,
                          Duration readTimeout) {
    public RetryPolicy {
        if (attemptsPerMirror < 1) {
            throw new IllegalArgumentException("Invalid attempts per mirror: " + attemptsPerMirror);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("Invalid delays: base " + baseDelay + ", max " + maxDelay);
        }
    }

    /** Defaults for the real servers: 5 attempts per mirror, 1 s doubling to 60 s, 15 s / 60 s timeouts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofSeconds(60));
    }

    /** The delay before retry number {@code retry} (1 for the first), with up to 50% jitter added. */
    Duration backoff(int retry, double jitter) {
        long base = baseDelay.toMillis() << Math.min(retry - 1, 20);
        long withJitter = (long) (base * (1 + 0.5 * jitter));
        return Duration.ofMillis(Math.min(withJitter, maxDelay.toMillis()));
    }
}
