/**
 * Safe extraction of downloaded archives: entries that would escape the target directory, links,
 * devices and entries beyond the declared size bound are refused, and each file is written under
 * a temporary name and renamed when complete.
 */
package dev.mer.fetch.archive;
