/**
 * Conversion of PyTorch {@code .pt} benchmark files into task-sets. (Module created with the
 * build; its content arrives with the convert issue.)
 */
package dev.mer.convert;
