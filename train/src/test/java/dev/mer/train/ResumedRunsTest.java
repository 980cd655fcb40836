package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.dataset.InvalidInputException;
import dev.mer.dataset.TaskSet;
import dev.mer.train.checkpoint.CheckpointPolicy;
import dev.mer.train.checkpoint.RunStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run stopped (and checkpointed) or killed (losing everything since its last checkpoint) at
 * arbitrary points, and resumed as often as it takes, ends with the result of the uninterrupted
 * run, bit for bit but for its timing: for every model, in the golden runs' configurations (every
 * memory fills and evicts, batches of 3 where a batch of one takes another path).
 */
class ResumedRunsTest {
    private static final List<String> NOT_RESULTS = List.of("timing", "one_liner");

    @TempDir
    static Path tmp;
    static BufferAllocator allocator;
    static TaskSet data;

    @BeforeAll
    static void open() throws IOException {
        allocator = new RootAllocator();
        data = EmbeddedSampleRotations.open(tmp, allocator);
    }

    @AfterAll
    static void close() throws IOException {
        data.close();
        allocator.close();
    }

    private static TrainConfig config(String flags) {
        return TrainArguments.parse("--samples_per_task 80 --seed 0 " + flags).config();
    }

    private static String results(RunResult r) throws IOException {
        ObjectNode json = ResultFiles.json(r, Path.of("run"));
        json.remove(NOT_RESULTS);
        return json.toPrettyString() + r.matrix().gemText();
    }

    /** Thrown by a stop check to end a run as a SIGKILL would: nothing more is written. */
    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    /** The golden runs' configurations, and the stream's other shapes: shuffled tasks, several epochs. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return java.util.stream.Stream.concat(GoldenRunsTest.cases(), java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("gem_shuffled_tasks",
                        "--model gem --lr 0.05 --n_memories 20 --memory_strength 0.5 --shuffle_tasks yes"),
                org.junit.jupiter.params.provider.Arguments.of("eralg4_two_epochs",
                        "--model eralg4 --lr 0.1 --memories 50 --replay_batch_size 5 --n_epochs 2 --log_every 30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRunStoppedAndKilledAtRandomPointsEndsAsTheUninterruptedRun(String name, String flags) throws IOException {
        TrainConfig config = config(flags);
        String expected = results(Trainer.run(data, config, TrainProgress.Listener.NONE));
        Path file = tmp.resolve(name + ".ckpt");
        SplittableRandom random = new SplittableRandom(name.hashCode());
        int stops = 0;
        int kills = 0;
        RunResult result = null;
        for (int session = 0; result == null; session++) {
            assertTrue(session < 40, "the run never finished");
            // a stop (SIGTERM) or a kill (SIGKILL) after a random number of batches, alternating,
            // with periodic checkpoints every 7 to 60 examples; the last session runs to the end
            boolean kill = session % 2 == 1;
            int at = session >= 12 ? Integer.MAX_VALUE : random.nextInt(1, 40);
            AtomicInteger checks = new AtomicInteger();
            CheckpointPolicy policy = CheckpointPolicy.at(file, random.nextInt(7, 60), () -> {
                if (checks.incrementAndGet() < at) {
                    return false;
                }
                if (kill) {
                    throw new Killed();
                }
                return true;
            });
            try {
                result = Trainer.run(data, config, TrainProgress.Listener.NONE, policy);
            } catch (RunStopped e) {
                stops++;
            } catch (Killed e) {
                kills++;
            }
        }
        assertTrue(stops > 0 && kills > 0, "stopped " + stops + " times, killed " + kills + " times");
        assertEquals(expected, results(result), name + ": resumed " + (stops + kills) + " times");
    }

    @Test
    void aRunWithoutACheckpointYetStartsFromScratch() throws IOException {
        TrainConfig config = config("--model online --lr 0.05 --log_every 20");
        Path file = tmp.resolve("none-yet.ckpt");
        RunResult r = Trainer.run(data, config, TrainProgress.Listener.NONE, CheckpointPolicy.at(file, 0, () -> false));
        assertEquals(results(Trainer.run(data, config, TrainProgress.Listener.NONE)), results(r));
        assertTrue(Files.exists(file), "the last task's start was checkpointed");
    }

    private Path stoppedRun(String flags, String name) throws IOException {
        Path file = tmp.resolve(name + ".ckpt");
        Files.deleteIfExists(file);
        AtomicInteger checks = new AtomicInteger();
        assertThrows(RunStopped.class, () -> Trainer.run(data, config(flags), TrainProgress.Listener.NONE,
                CheckpointPolicy.at(file, 0, () -> checks.incrementAndGet() > 30)));
        return file;
    }

    @Test
    void resumingWithOtherArgumentsNamesTheFlagThatDiffers() throws IOException {
        Path file = stoppedRun("--model online --lr 0.05", "other-args");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.run(data,
                config("--model online --lr 0.1"), TrainProgress.Listener.NONE, CheckpointPolicy.at(file, 0, () -> false)));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("--lr 0.05 there, 0.1 here"), e.getMessage());
    }

    @Test
    void resumingOnAnotherTaskSetIsRefused() throws IOException {
        Path file = stoppedRun("--model online --lr 0.05", "other-data");
        try (TaskSet other = openOther()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.run(other,
                    config("--model online --lr 0.05"), TrainProgress.Listener.NONE,
                    CheckpointPolicy.at(file, 0, () -> false)));
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("another task-set"),
                    e.getMessage());
        }
    }

    private static TaskSet openOther() throws IOException {
        Path dir = tmp.resolve("other-set");
        if (!Files.exists(dir)) {
            LearnableTaskSets.write(dir, 3, 100, 20, allocator);
        }
        return TaskSet.open(dir, allocator);
    }

    @Test
    void resumingAnotherModelsCheckpointIsRefused() throws IOException {
        Path file = stoppedRun("--model online --lr 0.05", "other-model");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.run(data,
                config("--model eralg4 --lr 0.05"), TrainProgress.Listener.NONE, CheckpointPolicy.at(file, 0, () -> false)));
        assertTrue(e.getMessage().contains("--model online there, eralg4 here"), e.getMessage());
    }

    @Test
    void aTruncatedOrCorruptCheckpointIsOneClearError() throws IOException {
        String flags = "--model meralg1 --lr 0.03 --memories 50 --replay_batch_size 5";
        Path file = stoppedRun(flags, "damaged");
        byte[] whole = Files.readAllBytes(file);
        for (int cut : new int[] {0, 5, 19, whole.length / 2, whole.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.run(data, config(flags),
                    TrainProgress.Listener.NONE, CheckpointPolicy.at(file, 0, () -> false)), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x10;
        Files.write(file, flipped);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Trainer.run(data, config(flags),
                TrainProgress.Listener.NONE, CheckpointPolicy.at(file, 0, () -> false)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
