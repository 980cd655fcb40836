/**
 * Downloads of the published benchmark archives and of raw MNIST, verified against
 * {@code datasets.lock}. (Module created with the build; its content arrives with the fetch issue.)
 */
package dev.mer.fetch;
