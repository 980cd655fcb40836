package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.experiment.results.RunRecord;
import dev.mer.random.PythonRandom;
import dev.mer.train.Flags;
import dev.mer.train.checkpoint.StateReader;
import dev.mer.train.checkpoint.StateWriter;
import dev.mer.train.learner.Learner;
import dev.mer.train.learner.LearnerContext;
import dev.mer.train.learner.MemoryRule;
import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import dev.mer.train.memory.ReservoirBuffer;
import dev.mer.train.network.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the model catalogue: a new model is one learner class and one catalogue entry.
 * This test adds one — a throwaway replay model — without touching another file, and runs it
 * through {@code mer train} (its options, help and result files) and {@code mer suite} (grid
 * checks, the memory it is reported under, the summary), exactly as a researcher's eleventh model
 * would go (docs/Architecture.md walks through the same example).
 */
class AnEleventhModelTest {
    /**
     * Experience replay with a single replayed item per example: one SGD step on the example, one
     * on an item drawn from a reservoir, then the example is offered to the reservoir.
     */
    static final class OneItemReplay implements Learner {
        private final Network net;
        private final ReservoirBuffer memory;
        private final float lr;
        private final int nInputs;

        OneItemReplay(LearnerContext c) {
            this.net = c.network();
            this.memory = new ReservoirBuffer(c.config().get(Flags.MEMORIES), c.nInputs(), c.python());
            this.lr = c.config().get(Flags.LR).floatValue();
            this.nInputs = c.nInputs();
        }

        @Override
        public void observe(float[] x, int[] y, int n, int task) {
            for (int i = 0; i < n; i++) {
                memory.age();
                net.sgdStep(x, i * nInputs, y[i], lr);
                if (memory.size() > 0) {
                    int s = memory.draw();
                    net.sgdStep(memory.inputs(), s * nInputs, memory.label(s), lr);
                }
                memory.offer(x, i * nInputs, y[i], task);
            }
        }

        /** What a checkpoint keeps of it: the weights and the reservoir (its items and age). */
        @Override
        public void writeState(StateWriter out) throws IOException {
            out.writeParameters("net", net.parameters());
            memory.writeState("memory", out);
        }

        @Override
        public void readState(StateReader in) throws IOException {
            in.readParameters("net", net.parameters());
            memory.readState("memory", in, net.classes());
        }

        @Override
        public Network network(int task) {
            return net;
        }
    }

    static final Model ONE_ITEM_REPLAY = new Model("oneitem", "Experience Replay of one item per example",
            "this test", "none", List.of(Flags.MEMORIES), MemoryRule.RESERVOIR, List.of(), 0x000000,
            OneItemReplay::new);

    @TempDir
    Path tmp;

    @Test
    void aRegisteredModelRunsThroughMerTrainAndMerSuite() throws Exception {
        Path data = tmp.resolve("data");
        try (BufferAllocator allocator = new RootAllocator()) {
            TaskSetFixtures.write(data.resolve("mnist_rotations"), 1, 3, 30, 10, XEncoding.UINT8, List.of(4, 4),
                    1 << 20, 30, allocator);
        }
        try (Models.Registration r = Models.register(ONE_ITEM_REPLAY)) {
            CliRun help = CliRun.of("train", "--help");
            assertTrue(help.out().contains("oneitem") && help.out().contains("Experience Replay of one item"),
                    help.out());
            CliRun refused = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model",
                    "oneitem", "--beta", "0.5");
            assertEquals("mer: --beta has no effect on --model oneitem (it is used by meralg1)\n", refused.err());

            CliRun train = CliRun.of("train", "--data", data.resolve("mnist_rotations").toString(), "--model",
                    "oneitem", "--memories", "12", "--lr", "0.05", "--samples_per_task", "20", "--log_every", "5",
                    "--save_path", tmp.resolve("results").toString());
            assertEquals(0, train.exitCode(), train.err());
            assertTrue(train.out().contains("{'model': 'oneitem'"), train.out());
            Path json;
            try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
                json = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            RunRecord record = RunRecord.read(json);
            assertEquals("oneitem", record.model());
            assertEquals(12, record.memories().getAsInt());
            assertEquals(60, record.examples());

            Path grid = tmp.resolve("grid.tsv");
            Files.writeString(grid, "model\tdataset\tmemories\targs\n"
                    + "online\trotations\t-\t--lr 0.05\n"
                    + "oneitem\trotations\t12\t--lr 0.05 --memories 12\n");
            CliRun suite = CliRun.of("suite", "--grid", grid.toString(), "--data", data.toString(), "--out",
                    tmp.resolve("suite").toString(), "--seeds", "0-1", "--samples-per-task", "10", "--jobs", "1");
            assertEquals(0, suite.exitCode(), suite.err());
            String md = Files.readString(tmp.resolve("suite/summary.md"));
            assertTrue(md.contains("| oneitem | mnist_rotations | 12 | 2 | "), md);
            // the catalogue's order: the paper's models first, then the registered one
            assertTrue(md.indexOf("| online |") < md.indexOf("| oneitem |"), md);

            Files.writeString(grid, "model\tdataset\tmemories\targs\noneitem\trotations\t50\t--lr 0.05 --memories 12\n");
            CliRun wrongMemory = CliRun.of("suite", "--grid", grid.toString(), "--data", data.toString(), "--out",
                    tmp.resolve("other").toString());
            assertEquals(1, wrongMemory.exitCode());
            assertTrue(wrongMemory.err().contains("memories column 50 but --memories 12 for oneitem"), wrongMemory.err());
        }
        assertTrue(Models.find("oneitem").isEmpty());
        assertEquals(1, CliRun.of("train", "--model", "oneitem").exitCode());
    }
}
