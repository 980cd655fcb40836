package dev.mer.dataset.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content digests as the project writes them: lower-case hex. SHA-256 identifies a source file in
 * a manifest, a download in {@code datasets.lock}, a suite's cells; MD5 only checks the files whose
 * publishers give nothing else (raw MNIST).
 */
public final class Digests {
    private static final int BUFFER = 1 << 20;

    private Digests() {
    }

    /** A new SHA-256 digest (every Java platform has one). */
    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    /** A new MD5 digest (every Java platform has one). */
    public static MessageDigest md5() {
        return digest("MD5");
    }

    /** The SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, lower-case hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code digest} has read, lower-case hex (which resets it). */
    public static String hex(MessageDigest digest) {
        return hex(digest.digest());
    }

    /** Feeds every byte of {@code file} to each of {@code digests}, in one read of it. */
    public static void update(Path file, MessageDigest... digests) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, n);
                }
            }
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
