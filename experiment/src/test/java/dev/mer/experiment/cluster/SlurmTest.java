package dev.mer.experiment.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmTest {
    @TempDir
    Path tmp;

    /** A stand-in for a Slurm command: a shell script that prints {@code out} and exits with {@code exit}. */
    private Path command(String name, String out, int exit) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho \"$@\" > " + tmp.resolve(name + ".args") + "\nprintf '%s' '" + out
                + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void submitRunsSbatchParsableAndReturnsTheJobIdWithoutTheClusterName() throws Exception {
        Slurm slurm = new Slurm(command("sbatch", "4242;cluster\n", 0).toString(), "squeue");
        Path script = tmp.resolve("suite.sbatch");
        assertEquals("4242", slurm.submit(script));
        assertEquals("--parsable " + script, Files.readString(tmp.resolve("sbatch.args")).strip());
    }

    @Test
    void aRefusedOrMissingSbatchIsAUserErrorSayingWhy() throws Exception {
        Slurm refusing = new Slurm(command("sbatch", "sbatch: error: invalid partition", 1).toString(), "squeue");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> refusing.submit(tmp.resolve("s")));
        assertTrue(e.getMessage().endsWith("sbatch refused the job (exit 1): sbatch: error: invalid partition"),
                e.getMessage());
        Slurm missing = new Slurm(tmp.resolve("no-sbatch").toString(), "squeue");
        assertTrue(assertThrows(InvalidInputException.class, () -> missing.submit(tmp.resolve("s"))).getMessage()
                .contains("submit from a Slurm login node, or write the script alone with --slurm-script-only"));
    }

    @Test
    void theQueueIsEachArrayTasksStateByJobAndNothingWithoutSqueue() throws Exception {
        Slurm slurm = new Slurm("sbatch", command("squeue", "17|0|RUNNING\n17|3|PENDING\n18|N/A|RUNNING\n", 0)
                .toString());
        assertEquals(Optional.of(Map.of("17", Map.of(0, "RUNNING", 3, "PENDING"))), slurm.queue());
        assertEquals("--me --noheader --array --format=%F|%K|%T", Files.readString(tmp.resolve("squeue.args")).strip());
        assertEquals(Optional.empty(), new Slurm("sbatch", tmp.resolve("none").toString()).queue());
        assertEquals(Optional.empty(), new Slurm("sbatch", command("squeue", "error", 1).toString()).queue());
    }

    @Test
    void submittedJobsAreRecordedInOutAndReadBackInOrder() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(List.of(), Slurm.jobs(out));
        Slurm.recordJob(out, new Slurm.Job("12", 1));
        Slurm.recordJob(out, new Slurm.Job("15", 3));
        assertEquals(List.of(new Slurm.Job("12", 1), new Slurm.Job("15", 3)), Slurm.jobs(out));
        assertEquals("# job\tcells_per_task\n12\t1\n15\t3\n", Files.readString(out.resolve("slurm/jobs.tsv")));
        Files.writeString(out.resolve("slurm/jobs.tsv"), "12 one\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> Slurm.jobs(out)).getMessage()
                .endsWith("line 1 is not '<job id><TAB><cells per task>'"));
    }
}
