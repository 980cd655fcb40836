/**
 * {@code datasets.lock}: the reviewed list of what {@code mer fetch} downloads — URLs, sizes,
 * digests — and its trust-on-first-use pinning of digests the publisher does not give.
 */
package dev.mer.fetch.lock;
