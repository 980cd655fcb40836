/**
 * A resumable, retrying, verifying HTTP download: bytes go to {@code NAME.part}, a new attempt
 * asks for the rest with {@code Range} guarded by {@code If-Range}, transient failures are retried
 * with exponential backoff and jitter, and nothing reaches the final name before its digests match.
 */
package dev.mer.fetch.download;
