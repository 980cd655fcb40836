/**
 * A suite's grid on a cluster: the sbatch script of a Slurm job array over the cells still to do
 * ({@link dev.mer.experiment.cluster.SlurmScript}), its submission and the queue as {@code sbatch}
 * and {@code squeue} report them ({@link dev.mer.experiment.cluster.Slurm}), and where each cell
 * stands ({@link dev.mer.experiment.cluster.SuiteStatus}). Each array task runs {@code mer suite
 * --cell env} on a compute node that shares the file system; the output directory is the only
 * meeting point, written with atomic renames within a directory and no locks, so it may be on NFS.
 */
package dev.mer.experiment.cluster;
