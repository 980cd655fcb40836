/**
 * Generation of rotation and permutation benchmarks from MNIST-format IDX files. (Module created
 * with the build; its content arrives with the generate issue.)
 */
package dev.mer.generate;
