/**
 * {@code mer fetch}: downloads the published MER archives and raw MNIST, verifies them against
 * {@code datasets.lock}, extracts and converts them into task-sets. {@link dev.mer.fetch.Fetcher}
 * orchestrates; {@link dev.mer.fetch.lock} reads and pins the lock file;
 * {@link dev.mer.fetch.download} is the resumable, retrying HTTP client;
 * {@link dev.mer.fetch.archive} extracts archives safely.
 */
package dev.mer.fetch;
