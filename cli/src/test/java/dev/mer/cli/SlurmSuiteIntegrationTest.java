package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mer.dataset.TestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mer suite --slurm} on a real Slurm node ({@code .ci/slurm-node.sh start}): a small grid
 * submitted as a job array, one array task requeued while its run is under way, and every result
 * file the same as a local {@code mer suite}'s, timing aside. Skips without a Slurm node (fails with
 * {@code MER_REQUIRE_TEST_DATA=1}).
 */
class SlurmSuiteIntegrationTest {
    private static final String INSTALL = "a Slurm node: apt-get install -y slurm-wlm munge, then (as root)"
            + " .ci/slurm-node.sh start (a one-node cluster named mer-ci; the test never uses another)";
    private static final long WAIT_SECONDS = 300;
    /** The test cluster's name in the slurm.conf that {@code .ci/slurm-node.sh} writes. */
    private static final String CLUSTER = "mer-ci";

    @TempDir
    Path tmp;

    private record Result(int exit, String out) {
    }

    /** Runs a command, stdout and stderr together; exit 127 when it cannot start. */
    private static Result run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not end in 60 s");
        }
        return new Result(p.exitValue(), out);
    }

    /**
     * Whether this machine's test cluster is up: the one {@code .ci/slurm-node.sh} starts (named
     * {@value #CLUSTER}), never a real cluster a developer's machine happens to be part of, whose
     * jobs this test would queue among others' and requeue.
     */
    private static boolean slurmNodeUp() throws Exception {
        Result config = run("scontrol", "show", "config");
        if (config.exit() != 0 || config.out().lines().noneMatch(l -> l.matches("ClusterName\\s*=\\s*" + CLUSTER))) {
            return false;
        }
        Result sinfo = run("sinfo", "--noheader", "--format=%T");
        return sinfo.exit() == 0 && sinfo.out().lines().anyMatch(s -> s.matches("(idle|mixed|allocated)\\W?"));
    }

    /** This job's array tasks in squeue: task → state. */
    private static Map<Integer, String> tasks(String job) throws Exception {
        Result q = run("squeue", "--noheader", "--array", "--jobs=" + job, "--format=%K|%T");
        Map<Integer, String> tasks = new java.util.TreeMap<>();
        for (String line : q.out().split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 2 && f[0].matches("\\d+")) {
                tasks.put(Integer.parseInt(f[0]), f[1]);
            }
        }
        return tasks;
    }

    @Test
    void aJobArrayWithARequeuedTaskWritesTheLocalSuitesResultsBitForBit() throws Exception {
        TestEnvironment.assume(slurmNodeUp(), INSTALL);
        long start = System.nanoTime();
        Path data = tmp.resolve("data");
        CliRun generate = CliRun.of("generate", "--rotations=3", "--source", "sample", "--train-per-task", "200",
                "--test-per-task", "200", "--no-progress", "--out", data.resolve("mnist_rotations").toString());
        assertEquals(0, generate.exitCode(), generate.err());
        // the demo's models and settings (demo_grid.tsv); meralg1's runs are the long ones, a few seconds
        Path grid = tmp.resolve("grid.tsv");
        Files.writeString(grid, "model\tdataset\tmemories\targs\n"
                + "online\trotations\t-\t--lr 0.0003\n"
                + "eralg4\trotations\t500\t--lr 0.1 --memories 500 --replay_batch_size 25\n"
                + "meralg1\trotations\t500\t--lr 0.03 --beta 0.03 --gamma 1.0 --memories 500 --replay_batch_size 100"
                + " --batches_per_example 10\n");
        Path out = tmp.resolve("out");
        List<String> selection = List.of("suite", "--grid", grid.toString(), "--data", data.toString(), "--out",
                out.toString(), "--seeds", "0-1", "--samples-per-task", "200");

        CliRun local = CliRun.of(with(selection, "--jobs", "1"));
        assertEquals(0, local.exitCode(), local.err());
        Path reference = tmp.resolve("local");
        Files.move(out, reference);
        double localSeconds = (System.nanoTime() - start) / 1e9;

        CliRun submit = CliRun.of(with(selection, "--slurm", "--cpus-per-task", "1", "--time", "10"));
        assertEquals(0, submit.exitCode(), submit.err());
        String job = submit.out().strip();
        assertTrue(job.matches("\\d+"), submit.out());
        long submitted = System.nanoTime();
        try {
            // submitting again adds nothing while the job holds every cell not done
            CliRun again = CliRun.of(with(selection, "--slurm-script-only"));
            assertTrue(again.out().matches("6 cells, none to submit: \\d running or queued in earlier jobs, the rest"
                    + " done\n"), again.out());
            // requeue one of meralg1's tasks (cells 4 and 5) once its run has started and before it ends
            int requeued = -1;
            while (requeued < 0) {
                assertTrue(System.nanoTime() - submitted < WAIT_SECONDS * 1_000_000_000L, "no meralg1 task ran");
                Map<Integer, String> tasks = tasks(job);
                for (int t : List.of(4, 5)) {
                    Path log = out.resolve("slurm/" + job + "_" + t + ".out");
                    Path result = out.resolve("runs/meralg1_rotations_500/seed_" + (t - 4) + ".json");
                    if ("RUNNING".equals(tasks.get(t)) && Files.isRegularFile(log)
                            && Files.readString(log).contains("from SLURM_ARRAY_TASK_ID=" + t) && !Files.exists(result)) {
                        Result r = run("scontrol", "requeue", job + "_" + t);
                        assertEquals(0, r.exit(), r.out());
                        assertFalse(Files.exists(result), "requeued after its run ended");
                        requeued = t;
                        break;
                    }
                }
                Thread.sleep(100);
            }
            Result shown = run("scontrol", "show", "job", job + "_" + requeued);
            assertTrue(shown.out().contains("Restarts=1"), shown.out());
            // slurmctld holds a requeued job for two minutes (its begin time): let it go now
            while (!"PENDING".equals(tasks(job).get(requeued))) {
                assertTrue(System.nanoTime() - submitted < WAIT_SECONDS * 1_000_000_000L, "task " + requeued
                        + " not pending again: " + tasks(job));
                Thread.sleep(100);
            }
            CliRun held = CliRun.of(with(selection, "--status"));
            assertTrue(held.out().contains(String.format("%nqueued   %4d  meralg1", requeued)), held.out());
            Result release = run("scontrol", "update", "JobId=" + job + "_" + requeued, "StartTime=now");
            assertEquals(0, release.exit(), release.out());

            while (!tasks(job).isEmpty()) {
                assertTrue(System.nanoTime() - submitted < WAIT_SECONDS * 1_000_000_000L, "job " + job + " still has "
                        + tasks(job) + " after " + WAIT_SECONDS + " s");
                Thread.sleep(500);
            }
            double slurmSeconds = (System.nanoTime() - submitted) / 1e9;

            CliRun status = CliRun.of(with(selection, "--status"));
            assertEquals(0, status.exitCode(), status.err());
            assertTrue(status.out().startsWith("6 cells: 6 done, 0 running, 0 queued, 0 to do\nall done; summary: "),
                    status.out() + logs(out));
            ResultTrees.assertSameResults(reference, out);
            System.out.printf("local suite %.1f s; job array %.1f s (task %d requeued)%n", localSeconds, slurmSeconds,
                    requeued);
        } finally {
            run("scancel", job);
        }
    }

    private static String[] with(List<String> selection, String... more) {
        List<String> args = new ArrayList<>(selection);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String logs(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(out.resolve("slurm"))) {
            for (Path f : files.sorted().toList()) {
                sb.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return sb.toString();
    }
}
