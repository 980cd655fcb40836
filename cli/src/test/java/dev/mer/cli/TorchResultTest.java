package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mer.dataset.Python3;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client reads main.py's binary result as mer writes it: Debian's torch loads each
 * model's {@code .pt} ({@code torch.load}) and the test checks every value against mer's JSON of
 * the same run, and the state dict's names and shapes against the reference model's built by its
 * own code for the same sizes ({@code train}'s fixture {@code reference/state_dicts.json}); and GEM's {@code results/plot_results.py}
 * way of reading results ({@code glob(model + '*' + dataset + '*.pt')}, {@code data[3]} → acc,
 * bwt, fwt) works on a directory of mer's results.
 */
class TorchResultTest {
    /** Loads every .pt of a directory and prints, per file, what the test compares, as JSON. */
    private static final String READ = """
            import glob, json, sys, argparse, collections, torch
            out = {}
            for f in sorted(glob.glob(sys.argv[1] + '/*.pt')):
                result_t, result_a, state, stats, one_liner, args = torch.load(f)
                assert type(state) is collections.OrderedDict and type(args) is argparse.Namespace
                assert all(isinstance(s, torch.Tensor) and s.dim() == 0 and s.dtype == torch.float32 for s in stats)
                assert result_t.dtype == torch.float32 and result_a.dtype == torch.float32
                entry = {'result_t': result_t.tolist(), 'result_a': result_a.tolist(),
                         'stats': [s.item() for s in stats], 'one_liner': one_liner, 'args': vars(args),
                         'state': [[k, list(v.shape)] for k, v in state.items()]}
                out[f.split('/')[-1]] = entry
            # GEM's results/plot_results.py reads results so
            for model in ['online', 'independent', 'taskinput', 'ewc', 'gem']:
                matches = glob.glob(sys.argv[1] + '/' + model + '*' + 'mnist_rotations' + '*.pt')
                if matches:
                    data = torch.load(matches[0], map_location=lambda storage, loc: storage)
                    acc, bwt, fwt = data[3][:]
                    out['plot:' + model] = [float(acc), float(bwt), float(fwt)]
            print(json.dumps(out))
            """;

    @TempDir
    Path tmp;

    @Test
    void torchLoadsEveryModelsResultAsMainPyWroteIt() throws Exception {
        String python = Python3.requireTorch();
        Path data = tmp.resolve("data");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data.resolve("mnist_rotations"), 1, 3, 40, 10, XEncoding.UINT8, List.of(4, 4),
                    1 << 20, 40, allocator);
        }
        Path results = tmp.resolve("results");
        String[][] runs = {
            {"online"}, {"independent", "--n_hiddens", "12"}, {"taskinput"}, {"ewc", "--n_memories", "4"},
            {"gem", "--n_memories", "4", "--memory_strength", "0.5"}, {"eralg4", "--memories", "8"},
            {"eralg5", "--memories", "8"}, {"meralg1", "--memories", "8", "--replay_batch_size", "2"},
            {"meralg6", "--memories", "8"}, {"meralg7", "--memories", "8", "--s", "2"}};
        for (String[] run : runs) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data_path", data.toString(),
                    "--data_file", "mnist_rotations.pt", "--model", run[0], "--n_hiddens", "12", "--lr", "0.05",
                    "--samples_per_task", "10", "--log_every", "4", "--save_path", results.toString()));
            args.addAll(List.of(run).subList(1, run.length));
            if (run.length > 1 && run[1].equals("--n_hiddens")) {
                args.subList(args.size() - 2, args.size()).clear();
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
        }
        Path script = tmp.resolve("read.py");
        Files.writeString(script, READ);
        Process p = new ProcessBuilder(python, script.toString(), results.toString()).redirectErrorStream(false).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stderr);
        JsonNode loaded = new ObjectMapper().readTree(stdout);
        // 16 inputs, 10 classes, 3 tasks, 12 hidden units: the sizes the reference's models were built with
        JsonNode reference = new ObjectMapper().readTree(
                Path.of("../train/src/test/resources/reference/state_dicts.json").toFile());
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(results)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(runs.length, files.size());
        for (Path f : files) {
            String stem = f.getFileName().toString().replace(".json", "");
            JsonNode mer = json.readTree(f.toFile());
            JsonNode pt = loaded.get(stem + ".pt");
            assertTrue(pt != null, stem + ".pt was not loaded: " + loaded.fieldNames());
            String model = mer.get("arguments").get("model").asText();
            JsonNode evaluations = mer.get("evaluations");
            assertEquals(evaluations.size(), pt.get("result_t").size(), model);
            for (int i = 0; i < evaluations.size(); i++) {
                assertEquals(evaluations.get(i).get("task").asDouble(), pt.get("result_t").get(i).asDouble(), model);
                JsonNode acc = evaluations.get(i).get("accuracies");
                for (int t = 0; t < acc.size(); t++) {
                    assertEquals((float) acc.get(t).asDouble(), (float) pt.get("result_a").get(i).get(t).asDouble(),
                            model + " evaluation " + i + " task " + t);
                }
            }
            JsonNode metrics = mer.get("metrics");
            assertEquals((float) metrics.get("ra").asDouble(), (float) pt.get("stats").get(0).asDouble(), model);
            assertEquals((float) metrics.get("bti").asDouble(), (float) pt.get("stats").get(1).asDouble(), model);
            assertEquals((float) metrics.get("fwt").asDouble(), (float) pt.get("stats").get(2).asDouble(), model);
            String printed = mer.get("one_liner").asText();
            assertEquals(printed.substring(printed.indexOf(": ") + 2, printed.lastIndexOf(" # ")),
                    pt.get("one_liner").asText(), model);
            assertEquals(model, pt.get("args").get("model").asText());
            assertEquals("mnist_rotations.pt", pt.get("args").get("data_file").asText());
            assertTrue(stem.startsWith(model + "_mnist_rotations.pt_"), stem);
            assertEquals(reference.get(model + "/n_layers=2").toString(), pt.get("state").toString(), model);
        }
        for (String model : List.of("online", "independent", "taskinput", "ewc", "gem")) {
            assertEquals(3, loaded.get("plot:" + model).size(), model);
        }
    }
}
