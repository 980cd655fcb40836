package dev.mer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.convert.pickle.PyNamespace;
import dev.mer.convert.pickle.PyTuple;
import dev.mer.convert.torch.StateDict;
import dev.mer.convert.torch.TensorData;
import dev.mer.convert.torch.TorchSave;
import dev.mer.dataset.AtomicFiles;
import dev.mer.train.metrics.Evaluation;
import dev.mer.train.network.NamedTensor;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.mer.train.metrics.AccuracyMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * A run's result files: {@code <model>_<dataset>_<timestamp>_<id>.txt} in GEM's exact layout, and a
 * {@code .json} beside it with everything a table or plot needs. Both are written under a
 * temporary name and renamed.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    /**
     * main.py's file name stem, {@code <model>_<data_file>_YYYY_MM_DD_HH_MM_SS_<uuid hex>}, with
     * {@code data_file} as main.py names it (e.g. {@code online_mnist_rotations.pt_2026_...}).
     */
    public static String stem(MainPyArgs args, LocalDateTime when, UUID id) {
        return args.model() + "_" + args.dataFile() + "_"
                + when.format(DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss")) + "_" + id.toString().replace("-", "");
    }

    /**
     * main.py's one-liner, {@code fname + ': ' + str(vars(args)) + ' # ' + stats + ' # ' +
     * str(seconds)}: the stats (RA, BTI, FWT) with Python's {@code '%.3f'} of their float32 values.
     */
    public static String oneLiner(RunResult r, MainPyArgs args, Path stemPath) {
        AccuracyMatrix m = r.matrix();
        return stemPath + ": " + args.repr() + " # " + stats(m) + " # " + PythonText.floatRepr(r.seconds());
    }

    /**
     * Writes {@code directory/stem.txt} and {@code directory/stem.json} of a run made without a
     * command line (main.py's arguments taken from its configuration, the task-set as
     * {@code data/<dataset>.pt}).
     *
     * @return the path without extension
     */
    public static Path write(RunResult r, Path directory, String stem) throws IOException {
        return write(r, withoutCommandLine(r, directory), directory, stem, null);
    }

    /**
     * Writes {@code directory/stem.txt}, then {@code directory/stem.json} with a suite's block (or
     * none when {@code suite} is null). The JSON is written last, so that its presence means the
     * run's files are complete.
     *
     * @param args main.py's arguments of the run, for the one-liner
     * @return the path without extension
     */
    public static Path write(RunResult r, MainPyArgs args, Path directory, String stem, Map<String, Object> suite)
            throws IOException {
        return write(r, args, directory, stem, suite, false);
    }

    /**
     * As {@link #write(RunResult, MainPyArgs, Path, String, Map)}, and with {@code torchResult} also
     * main.py's binary result {@code directory/stem.pt} ({@link #torchResult}), written between the
     * {@code .txt} and the {@code .json} as main.py writes it after its {@code .txt}.
     */
    public static Path write(RunResult r, MainPyArgs args, Path directory, String stem, Map<String, Object> suite,
                             boolean torchResult) throws IOException {
        Files.createDirectories(directory);
        Path base = directory.resolve(stem);
        AtomicFiles.writeString(directory.resolve(stem + ".txt"), r.matrix().gemText());
        if (torchResult) {
            TorchSave.save(torchResult(r, args), directory.resolve(stem + ".pt"));
        }
        ResultFile file = ResultFile.of(r, args, base);
        AtomicFiles.writeString(directory.resolve(stem + ".json"), (suite == null ? file : file.withSuite(suite)).toJson());
        return base;
    }

    /**
     * What main.py saves: {@code (result_t, result_a, model.state_dict(), stats, one_liner, args)}
     * — the log's task attributions as a float32 vector and its accuracies as a float32 matrix
     * (evaluations × tasks), the learner's state dict as the reference model names it, RA, BTI and
     * FWT as 0-d float32 tensors (what {@code confusion_matrix} returns), the one-liner without the
     * file name and time (as main.py pickles it) and main.py's {@code args} as an
     * {@code argparse.Namespace}. The state dict's {@code _metadata} lists the modules that hold
     * tensors (the reference's also lists its ReLU and loss modules, which hold none).
     */
    public static PyTuple torchResult(RunResult r, MainPyArgs args) {
        List<Evaluation> log = r.log();
        int tasks = log.get(0).accuracies().length;
        float[] attributions = new float[log.size()];
        float[] accuracies = new float[log.size() * tasks];
        for (int i = 0; i < log.size(); i++) {
            attributions[i] = log.get(i).task();
            System.arraycopy(log.get(i).accuracies(), 0, accuracies, i * tasks, tasks);
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Set<String> modules = new LinkedHashSet<>();
        modules.add("");
        for (NamedTensor t : r.stateDict()) {
            tensors.put(t.name(), TensorData.ofFloats(t.values(), t.shape()));
            String name = t.name();
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                modules.add(name.substring(0, dot));
            }
        }
        AccuracyMatrix m = r.matrix();
        return PyTuple.of(TensorData.vector(attributions), TensorData.ofFloats(accuracies, log.size(), tasks),
                StateDict.of(tensors, List.copyOf(modules)),
                List.of(TensorData.scalar(m.retainedAccuracy()), TensorData.scalar(m.bti()), TensorData.scalar(m.fwt())),
                args.repr() + " # " + stats(m), PyNamespace.of(args.vars()));
    }

    /** main.py's {@code ' '.join(['%.3f' % stat for stat in stats])}. */
    static String stats(AccuracyMatrix m) {
        return PythonText.fixed(m.retainedAccuracy(), 3) + " " + PythonText.fixed(m.bti(), 3) + " "
                + PythonText.fixed(m.fwt(), 3);
    }

    /** main.py's arguments of a run made without a command line: its configuration, the task-set as {@code data/<dataset>.pt}. */
    private static MainPyArgs withoutCommandLine(RunResult r, Path directory) {
        return MainPyArgs.of(r.config(), directory.toString(), "data/", r.dataset() + ".pt");
    }

    /** The run's {@code .json} as a tree; {@code timing} is the only part that varies between identical runs. */
    public static ObjectNode json(RunResult r, Path base) {
        return JSON.valueToTree(ResultFile.of(r, withoutCommandLine(r,
                base.getParent() == null ? Path.of(".") : base.getParent()), base));
    }
}
