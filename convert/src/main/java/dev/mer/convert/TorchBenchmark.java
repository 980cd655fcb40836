package dev.mer.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.convert.pickle.PyTuple;
import dev.mer.convert.pickle.Python;
import dev.mer.convert.torch.DType;
import dev.mer.convert.torch.Tensor;
import dev.mer.convert.torch.TorchFile;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskInfo;
import dev.mer.dataset.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a {@code .pt} file's object tree maps to a benchmark, validated before any data is read.
 * Two forms are recognised:
 *
 * <ul>
 *   <li>GEM's and MER's {@code [tasks_tr, tasks_te]} (list or tuple), each a list of tasks
 *       {@code [descriptor, X, Y]} with X N×D float32 (or uint8) and Y N int64
 *       ({@code GradientEpisodicMemory/data/mnist_rotations.py}, {@code mnist_permutations.py});</li>
 *   <li>GEM's raw {@code (x, y)} ({@code mnist_train.pt}: x uint8 N×28×28, y int64 N), read as one
 *       train task with an empty test split.</li>
 * </ul>
 *
 * <p>An input of N×D with D a perfect square s² is taken as flattened s×s images (shape
 * {@code [s, s]}); other D give shape {@code [D]}; N×H×W… keeps its trailing dimensions.
 *
 * @param train the train tasks
 * @param test the test tasks, one per train task (empty tasks for the raw form)
 * @param shape the shape of one input
 * @param raw whether the file was the raw {@code (x, y)} form
 */
public record TorchBenchmark(List<TaskTensors> train, List<TaskTensors> test, List<Integer> shape, boolean raw) {
    private static final String EXPECTED = "expected [tasks_tr, tasks_te] (lists of [descriptor, X, Y]) or (x, y)";

    public TorchBenchmark {
        train = List.copyOf(train);
        test = List.copyOf(test);
        shape = List.copyOf(shape);
    }

    /** The benchmark in {@code file}; {@link InvalidInputException} says what was found instead. */
    public static TorchBenchmark of(TorchFile file) throws InvalidInputException {
        Object root = file.root();
        List<Object> top = sequence(root);
        if (top != null && top.size() == 2 && top.get(0) instanceof Tensor x && top.get(1) instanceof Tensor y) {
            TaskTensors task = new TaskTensors(null, x, y);
            List<Integer> shape = check(file, "x", task, null);
            Tensor emptyX = new Tensor(x.storage(), x.offset(), withRows(x.size(), 0), x.stride(), x.dtype());
            Tensor emptyY = new Tensor(y.storage(), y.offset(), new long[] {0}, y.stride(), y.dtype());
            return new TorchBenchmark(List.of(task), List.of(new TaskTensors(null, emptyX, emptyY)), shape, true);
        }
        if (top == null || top.size() != 2 || sequence(top.get(0)) == null || sequence(top.get(1)) == null) {
            throw new InvalidInputException(file.path(), "holds " + describe(root) + ", not a dataset; " + EXPECTED);
        }
        List<TaskTensors> train = tasks(file, "train", sequence(top.get(0)));
        List<TaskTensors> test = tasks(file, "test", sequence(top.get(1)));
        if (train.isEmpty()) {
            throw new InvalidInputException(file.path(), "holds no tasks");
        }
        if (train.size() != test.size()) {
            throw new InvalidInputException(file.path(), "holds " + train.size() + " train tasks but "
                    + test.size() + " test tasks");
        }
        List<Integer> shape = null;
        for (int s = 0; s < 2; s++) {
            List<TaskTensors> tasks = s == 0 ? train : test;
            for (int t = 0; t < tasks.size(); t++) {
                shape = check(file, (s == 0 ? "train" : "test") + " task " + t, tasks.get(t), shape);
            }
        }
        return new TorchBenchmark(train, test, shape, false);
    }

    private static List<TaskTensors> tasks(TorchFile file, String split, List<Object> items)
            throws InvalidInputException {
        List<TaskTensors> tasks = new ArrayList<>();
        for (int t = 0; t < items.size(); t++) {
            List<Object> task = sequence(items.get(t));
            if (task == null || task.size() < 3 || !(task.get(1) instanceof Tensor x)
                    || !(task.get(2) instanceof Tensor y)) {
                throw new InvalidInputException(file.path(), split + " task " + t + " is "
                        + describe(items.get(t)) + ", not [descriptor, X, Y]; " + EXPECTED);
            }
            tasks.add(new TaskTensors(task.get(0), x, y));
        }
        return tasks;
    }

    /** Validates one task's tensors; returns the input shape, which must equal {@code shape} if given. */
    private static List<Integer> check(TorchFile file, String where, TaskTensors task, List<Integer> shape)
            throws InvalidInputException {
        Tensor x = task.x();
        Tensor y = task.y();
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.UINT8) {
            throw new InvalidInputException(file.path(), where + ": X is " + x.dtype().torchName()
                    + ", expected float32 or uint8");
        }
        if (y.dtype() != DType.INT64 && y.dtype() != DType.INT32 && y.dtype() != DType.UINT8) {
            throw new InvalidInputException(file.path(), where + ": Y is " + y.dtype().torchName()
                    + ", expected int64 labels");
        }
        long[] size = x.size();
        if (size.length < 2) {
            throw new InvalidInputException(file.path(), where + ": X has size " + Arrays.toString(size)
                    + ", expected N × inputs");
        }
        if (y.size().length != 1 || y.size()[0] != size[0]) {
            throw new InvalidInputException(file.path(), where + ": Y has size " + Arrays.toString(y.size())
                    + ", expected [" + size[0] + "] to match X " + Arrays.toString(size));
        }
        if (!x.isContiguous() || !y.isContiguous()) {
            Tensor bad = x.isContiguous() ? y : x;
            throw new InvalidInputException(file.path(), where + ": " + (bad == x ? "X" : "Y")
                    + " is not contiguous (size " + Arrays.toString(bad.size()) + ", stride "
                    + Arrays.toString(bad.stride()) + "); save it with .contiguous()");
        }
        List<Integer> s = new ArrayList<>();
        long n = 1;
        for (int i = 1; i < size.length; i++) {
            n *= size[i];
            if (size[i] <= 0 || n > Integer.MAX_VALUE / 4) {
                throw new InvalidInputException(file.path(), where + ": unsupported input size "
                        + Arrays.toString(size));
            }
            s.add((int) size[i]);
        }
        if (s.size() == 1) {
            int root = (int) Math.round(Math.sqrt(n));
            if (root > 1 && (long) root * root == n) {
                s = List.of(root, root);
            }
        }
        if (shape != null && !shape.equals(s)) {
            throw new InvalidInputException(file.path(), where + ": inputs of shape " + s
                    + " differ from the first task's " + shape);
        }
        return s;
    }

    private static long[] withRows(long[] size, long rows) {
        long[] s = size.clone();
        s[0] = rows;
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> sequence(Object o) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (o instanceof PyTuple t) {
            return t.items();
        }
        return null;
    }

    private static String describe(Object o) {
        if (o instanceof Map<?, ?> m) {
            String keys = m.keySet().stream().limit(3).map(Python::repr).collect(Collectors.joining(", "));
            boolean tensors = !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof Tensor);
            return "a dict of " + m.size() + " entries (" + keys + (m.size() > 3 ? ", …" : "") + ")"
                    + (tensors ? ", which looks like a model state_dict" : "");
        }
        if (o instanceof Tensor t) {
            return "a single " + t;
        }
        return "a " + Python.typeName(o);
    }

    /** All tasks of a split. */
    public List<TaskTensors> tasks(boolean trainSplit) {
        return trainSplit ? train : test;
    }

    /**
     * The manifest entry of train task {@code index}: a float descriptor is a rotation angle, a
     * string mentioning "permutation" a permutation, a tuple of ints a class range; anything else
     * is kept, printed, as an unknown kind.
     */
    public TaskInfo taskInfo(int index, long rows) {
        Object d = train.get(index).descriptor();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        if (d instanceof Double angle && !raw) {
            return TaskInfo.rotation(index, angle, rows);
        }
        if (d instanceof String s && s.toLowerCase(Locale.ROOT).contains("permutation")) {
            p.put("descriptor", s);
            return new TaskInfo(index, TaskKind.PERMUTATION, p, rows);
        }
        if (d instanceof PyTuple t && t.size() > 0 && t.items().stream().allMatch(v -> v instanceof Long)) {
            ArrayNode classes = p.putArray("classes");
            t.items().forEach(v -> classes.add((Long) v));
            return new TaskInfo(index, TaskKind.CLASS_SPLIT, p, rows);
        }
        if (raw) {
            p.putNull("descriptor");
        } else {
            p.put("descriptor", Python.repr(d));
        }
        return new TaskInfo(index, TaskKind.UNKNOWN, p, rows);
    }
}
