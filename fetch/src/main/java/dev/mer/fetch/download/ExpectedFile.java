package dev.mer.fetch.download;

/**
 * What a download must turn out to be; {@code null} or -1 where not known.
 *
 * @param size the exact size in bytes, or -1
 * @param sha256 lower-case hex, or {@code null} (trust on first use: the caller records the result)
 * @param md5 lower-case hex, or {@code null}
 */
public record ExpectedFile(long size, String sha256, String md5) {
}
