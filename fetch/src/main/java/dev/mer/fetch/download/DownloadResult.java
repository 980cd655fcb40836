package dev.mer.fetch.download;

import java.nio.file.Path;

/**
 * A completed, verified download.
 *
 * @param file where it now is
 * @param size its size in bytes
 * @param sha256 lower-case hex SHA-256
 * @param md5 lower-case hex MD5
 */
public record DownloadResult(Path file, long size, String sha256, String md5) {
}
