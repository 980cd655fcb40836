package dev.mer.convert.torch;

import dev.mer.convert.pickle.PyNamespace;
import dev.mer.convert.pickle.PyOrderedDict;
import dev.mer.convert.pickle.PyTuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of fixture {@code main_result.pt} ({@code convert/scripts/make_save_fixture.py}), built
 * in Java: what MER's {@code main.py} saves at the end of a run,
 * {@code (result_t, result_a, model.state_dict(), stats, one_liner, args)}.
 */
final class MainResult {
    /** {@code str(vars(args)) + ' # ' + ' '.join('%.3f' % s for s in stats)}, as Python printed it. */
    static final String ONE_LINER = "{'model': 'meralg1', 'n_hiddens': 100, 'n_layers': 2, 'finetune': True, "
            + "'n_epochs': 1, 'batch_size': 1, 'lr': 0.03, 'n_memories': 0, 'memory_strength': 0, 'memories': 5120, "
            + "'gamma': 1.0, 'batches_per_example': 1, 's': 1, 'replay_batch_size': 20, 'beta': 0.03, 'cuda': False, "
            + "'seed': 0, 'log_every': 100, 'save_path': 'results/', 'data_path': 'data/', "
            + "'data_file': 'mnist_rotations.pt', 'samples_per_task': -1, 'shuffle_tasks': 'no'} # 0.500 -0.125 0.062";

    /** The modules of MER's {@code Net} with an MLP 4-3-2, in the order {@code state_dict()} visits them. */
    static final List<String> MODULES = List.of("", "net", "net.net", "net.net.0", "net.net.1", "net.net.2", "bce");

    private MainResult() {
    }

    /** {@code ((torch.arange(n) - 5) / 8).reshape(shape)}: exact in float32. */
    static TensorData ramp(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - 5) / 8f;
        }
        return TensorData.ofFloats(v, shape);
    }

    static Map<String, TensorData> parameters() {
        Map<String, TensorData> p = new LinkedHashMap<>();
        p.put("net.net.0.weight", ramp(3, 4));
        p.put("net.net.0.bias", ramp(3));
        p.put("net.net.2.weight", ramp(2, 3));
        p.put("net.net.2.bias", ramp(2));
        return p;
    }

    static PyNamespace args() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("model", "meralg1");
        a.put("n_hiddens", 100L);
        a.put("n_layers", 2L);
        a.put("finetune", true);
        a.put("n_epochs", 1L);
        a.put("batch_size", 1L);
        a.put("lr", 0.03);
        a.put("n_memories", 0L);
        a.put("memory_strength", 0L); // type=float, default=0: argparse leaves the int default alone
        a.put("memories", 5120L);
        a.put("gamma", 1.0);
        a.put("batches_per_example", 1L);
        a.put("s", 1L);
        a.put("replay_batch_size", 20L);
        a.put("beta", 0.03);
        a.put("cuda", false);
        a.put("seed", 0L);
        a.put("log_every", 100L);
        a.put("save_path", "results/");
        a.put("data_path", "data/");
        a.put("data_file", "mnist_rotations.pt");
        a.put("samples_per_task", -1L);
        a.put("shuffle_tasks", "no");
        return PyNamespace.of(a);
    }

    static PyTuple value() {
        TensorData resultT = TensorData.vector(0, 0, 1, 1, 2);
        float[] a = new float[15];
        for (int i = 0; i < a.length; i++) {
            a[i] = i / 16f;
        }
        TensorData resultA = TensorData.ofFloats(a, 5, 3);
        PyOrderedDict stateDict = StateDict.of(parameters(), MODULES);
        List<Object> stats = new ArrayList<>(List.of(TensorData.scalar(0.5f), TensorData.scalar(-0.125f),
                TensorData.scalar(0.0625f)));
        return PyTuple.of(resultT, resultA, stateDict, stats, ONE_LINER, args());
    }
}
