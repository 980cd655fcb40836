package dev.mer.train;

import dev.mer.dataset.MerVersion;
import dev.mer.random.Mt19937;
import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import dev.mer.train.continuum.Continuum;
import dev.mer.train.learner.Learner;
import dev.mer.train.metrics.Evaluation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run is, between two batches: what a checkpoint holds besides the learner's own state,
 * and the fields it writes them as (FORMAT.md, "Checkpoints"). The continuum is not written: it is
 * drawn again from the seed, as are the initial weights (the initialisation generator is used only
 * while the learner is built, so building it again from the seed restores that generator too),
 * and then the two reference streams are moved to where they were.
 *
 * @param examples examples learnt (the continuum's index of the next one)
 * @param batches batches learnt
 * @param task the task being learnt, to which the next evaluation is attributed
 * @param seconds wall time of the run so far, over every session
 * @param log the evaluations so far, all finished
 * @param evaluationSeconds time spent evaluating so far
 * @param startupSeconds the first session's fixed cost (NaN if not measured)
 */
record RunPosition(int examples, long batches, int task, double seconds, List<Evaluation> log,
                   double evaluationSeconds, double startupSeconds) {
    /** A run's start. */
    static final RunPosition START = new RunPosition(0, 0, 0, 0, List.of(), 0, Double.NaN);

    RunPosition {
        log = List.copyOf(log);
    }

    /** Writes this position, the run's identity, both random streams and then the learner's state. */
    void write(StateWriter out, String runName, TrainConfig config, String manifestDigest, TorchGenerator torch,
               PythonRandom python, Learner learner) throws IOException {
        out.writeText("mer.version", MerVersion.get());
        out.writeText("run.name", runName);
        out.writeText("arguments", config.toString());
        out.writeText("manifest.sha256", manifestDigest);
        out.writeInt("position.examples", examples);
        out.writeLong("position.batches", batches);
        out.writeInt("position.task", task);
        out.writeDouble("time.seconds", seconds);
        out.writeDouble("time.evaluation_seconds", evaluationSeconds);
        out.writeDouble("time.startup_seconds", startupSeconds);
        out.writeInt("evaluations", log.size());
        for (Evaluation e : log) {
            out.writeInt("evaluation.task", e.task());
            out.writeLong("evaluation.batches", e.examplesSeen());
            out.writeFloats("evaluation.accuracies", e.accuracies());
        }
        writeStream(out, "random.torch", torch.state());
        writeStream(out, "random.python", python.state());
        out.writeText("learner", config.model());
        learner.writeState(out);
    }

    private static void writeStream(StateWriter out, String name, Mt19937.State s) throws IOException {
        out.writeInts(name + ".mt19937", s.words());
        out.writeInt(name + ".position", s.position());
    }

    /**
     * Reads a position written by {@link #write} for a run of {@code config} on the task-set of
     * {@code manifestDigest}, moving the streams and the learner (just built from {@code config})
     * to where that run was.
     *
     * @throws dev.mer.dataset.InvalidInputException when it was written by another run, or does not fit
     */
    static RunPosition read(StateReader in, TrainConfig config, String manifestDigest, Continuum continuum, int nTasks,
                            TorchGenerator torch, PythonRandom python, Learner learner) throws IOException {
        in.readText("mer.version"); // which mer wrote it: for people reading the file, not checked
        in.readText("run.name"); // the caller's, read before the run by Trainer.checkpointedRunName
        String arguments = in.readText("arguments");
        if (!arguments.equals(config.toString())) {
            throw in.invalid("written by a run with other arguments (" + difference(arguments, config.toString())
                    + "): resume with the same arguments, or start over without --resume");
        }
        String digest = in.readText("manifest.sha256");
        if (!digest.equals(manifestDigest)) {
            throw in.invalid("written by a run on another task-set (manifest SHA-256 " + abbreviated(digest)
                    + ", this one's is " + abbreviated(manifestDigest) + ")");
        }
        int examples = in.readInt("position.examples", 0, continuum.length());
        long batches = in.readLong("position.batches", 0, examples);
        int task = in.readInt("position.task", 0, nTasks - 1);
        double seconds = in.readDouble("time.seconds");
        double evaluationSeconds = in.readDouble("time.evaluation_seconds");
        double startupSeconds = in.readDouble("time.startup_seconds");
        int n = in.readInt("evaluations", 0, (int) Math.min(Integer.MAX_VALUE, batches + 1));
        List<Evaluation> log = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int t = in.readInt("evaluation.task", 0, nTasks - 1);
            long b = in.readLong("evaluation.batches", 0, batches);
            float[] accuracies = new float[nTasks];
            in.readFloats("evaluation.accuracies", accuracies);
            log.add(new Evaluation(t, b, accuracies));
        }
        torch.restore(readStream(in, "random.torch"));
        python.restore(readStream(in, "random.python"));
        String model = in.readText("learner");
        if (!model.equals(config.model())) {
            throw in.invalid("its learner is " + model + "'s, not " + config.model() + "'s");
        }
        learner.readState(in);
        return new RunPosition(examples, batches, task, seconds, log, evaluationSeconds, startupSeconds);
    }

    /** The run's name in the checkpoint {@code in} (its first fields). */
    static String readName(StateReader in) throws IOException {
        in.readText("mer.version");
        return in.readText("run.name");
    }

    private static Mt19937.State readStream(StateReader in, String name) throws IOException {
        int[] words = in.readInts(name + ".mt19937", Mt19937.State.WORDS);
        int position = in.readInt(name + ".position", 0, Mt19937.State.WORDS);
        return new Mt19937.State(words, position);
    }

    /** The first flag whose value differs between two of {@link TrainConfig#toString}'s command lines. */
    static String difference(String there, String here) {
        Map<String, String> a = flags(there);
        Map<String, String> b = flags(here);
        for (Map.Entry<String, String> e : b.entrySet()) {
            String old = a.get(e.getKey());
            if (!e.getValue().equals(old)) {
                return "--" + e.getKey() + " " + (old == null ? "absent" : old) + " there, " + e.getValue() + " here";
            }
        }
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                return "--" + k + " " + a.get(k) + " there, absent here";
            }
        }
        return "they differ";
    }

    private static Map<String, String> flags(String commandLine) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : (" " + commandLine).split(" --")) {
            if (part.isBlank()) {
                continue;
            }
            int space = part.indexOf(' ');
            m.put(space < 0 ? part : part.substring(0, space), space < 0 ? "" : part.substring(space + 1));
        }
        return m;
    }

    private static String abbreviated(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) + "…" : digest;
    }
}
