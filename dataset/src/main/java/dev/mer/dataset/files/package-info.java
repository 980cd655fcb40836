/**
 * What every stage does to the files around a task-set: {@link dev.mer.dataset.files.Digests}
 * identifies content by its SHA-256 (and the publishers' MD5), {@link dev.mer.dataset.files.FileTrees}
 * removes a directory tree (a staging directory, a replaced output). Written once here, in the module
 * every other depends on.
 */
package dev.mer.dataset.files;
