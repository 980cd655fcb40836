package dev.mer.experiment.cluster;

import dev.mer.dataset.AtomicFiles;
import dev.mer.dataset.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slurm as its commands see it: {@code sbatch --parsable} to submit, {@code squeue} for the states
 * of array tasks. Also what a suite keeps of its submissions in {@code OUT/slurm/}: the script
 * ({@code suite.sbatch}), the tasks' output ({@code <job>_<task>.out}) and the jobs submitted
 * ({@code jobs.tsv}: job id and cells per task, one line a submission), each file replaced by an
 * atomic rename.
 *
 * @param sbatch the sbatch command (a name on the PATH, or a path)
 * @param squeue the squeue command
 */
public record Slurm(String sbatch, String squeue) {
    /** The directory of a suite's Slurm files, under its output directory. */
    public static final String DIRECTORY = "slurm";
    /** The script's file name. */
    public static final String SCRIPT = "suite.sbatch";
    /** The file of submitted jobs. */
    public static final String JOBS = "jobs.tsv";
    private static final long COMMAND_SECONDS = 60;

    public Slurm {
        Objects.requireNonNull(sbatch, "sbatch");
        Objects.requireNonNull(squeue, "squeue");
    }

    /** Slurm's commands from the PATH. */
    public static Slurm commands() {
        return new Slurm("sbatch", "squeue");
    }

    /** A job submitted for a suite: its id, and the cells each of its array tasks runs. */
    public record Job(String id, int cellsPerTask) {
        public Job {
            if (!id.matches("\\d+")) {
                throw new IllegalArgumentException("Invalid job id: '" + id + "'");
            }
            if (cellsPerTask < 1) {
                throw new IllegalArgumentException("Invalid cells per task: " + cellsPerTask);
            }
        }
    }

    /** {@code OUT/slurm}. */
    public static Path directory(Path out) {
        return out.resolve(DIRECTORY);
    }

    /** Writes {@code script} to {@code OUT/slurm/suite.sbatch} (creating the directory for the tasks' output). */
    public static Path writeScript(Path out, SlurmScript script) throws IOException {
        Path dir = directory(out);
        Files.createDirectories(dir);
        Path file = dir.resolve(SCRIPT);
        AtomicFiles.writeString(file, script.text());
        return file;
    }

    /**
     * Submits {@code script} with {@code sbatch --parsable}.
     *
     * @return the job id
     * @throws InvalidInputException when sbatch is missing or refuses the job (its message)
     */
    public String submit(Path script) throws IOException {
        Result r = run(List.of(sbatch, "--parsable", script.toString()));
        if (r == null) {
            throw new InvalidInputException(script, "no " + sbatch + " here: submit from a Slurm login node, or"
                    + " write the script alone with --slurm-script-only");
        }
        String id = r.out().strip();
        // --parsable prints "<id>" or "<id>;<cluster>"
        int semicolon = id.indexOf(';');
        id = semicolon < 0 ? id : id.substring(0, semicolon);
        if (r.exit() != 0 || !id.matches("\\d+")) {
            String why = (r.err() + " " + r.out()).strip().replace('\n', ' ');
            throw new InvalidInputException(script, "sbatch refused the job (exit " + r.exit() + "): " + why);
        }
        return id;
    }

    /**
     * The states of this user's array tasks, {@code job id → task → state} (Slurm's words:
     * {@code PENDING}, {@code RUNNING}, …); empty when squeue is missing or fails (no controller).
     */
    public Optional<Map<String, Map<Integer, String>>> queue() throws IOException {
        Result r = run(List.of(squeue, "--me", "--noheader", "--array", "--format=%F|%K|%T"));
        if (r == null || r.exit() != 0) {
            return Optional.empty();
        }
        Map<String, Map<Integer, String>> jobs = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 3 && f[1].matches("\\d+")) {
                jobs.computeIfAbsent(f[0], k -> new HashMap<>()).put(Integer.parseInt(f[1]), f[2]);
            }
        }
        return Optional.of(jobs);
    }

    /** The jobs submitted for the suite in {@code out}, oldest first. */
    public static List<Job> jobs(Path out) throws IOException {
        Path file = directory(out).resolve(JOBS);
        List<Job> jobs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return jobs;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                jobs.add(new Job(f[0], Integer.parseInt(f[1])));
            } catch (RuntimeException e) {
                throw new InvalidInputException(file, "line " + (i + 1) + " is not '<job id><TAB><cells per task>'");
            }
        }
        return jobs;
    }

    /**
     * Adds {@code job} to {@code OUT/slurm/jobs.tsv}: read, append, rename over. Two submissions
     * at the same moment may lose one line (no locks on NFS); only {@code --status} reads it.
     */
    public static void recordJob(Path out, Job job) throws IOException {
        StringBuilder sb = new StringBuilder("# job\tcells_per_task\n");
        for (Job j : jobs(out)) {
            sb.append(j.id()).append('\t').append(j.cellsPerTask()).append('\n');
        }
        sb.append(job.id()).append('\t').append(job.cellsPerTask()).append('\n');
        Files.createDirectories(directory(out));
        AtomicFiles.writeString(directory(out).resolve(JOBS), sb.toString());
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs a command; {@code null} when it cannot be started (not installed). */
    private static Result run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return null;
        }
        try {
            // stderr on another thread: a full pipe must not stall the command while we read stdout
            CompletableFuture<String> err = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "";
                        }
                    });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not answer in " + COMMAND_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new InterruptedIOException("interrupted while running " + command.get(0));
        }
    }
}
