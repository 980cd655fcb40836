package dev.mer.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import dev.mer.dataset.TaskSet;
import dev.mer.dataset.TaskSetFixtures;
import dev.mer.dataset.XEncoding;
import dev.mer.train.checkpoint.CheckpointPolicy;
import dev.mer.train.checkpoint.RunStopped;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Fuzz target (docs/fuzzing.md): {@code mer train --checkpoint FILE --resume} with a mutated
 * checkpoint, for each of the ten models on a small task-set, then the rest of the run. The
 * input's first byte picks the model (its low bits) and the framing (its top bit): as the file
 * itself, which exercises the header, length and checksum checks; or as the payload alone, framed
 * here with a correct header and CRC-32C as FORMAT.md lays it out, so that mutations reach the
 * fields, the random streams' states and every learner's state (a mutation the checksum would
 * catch otherwise). Either it resumes and the run ends, or it is refused naming the file.
 */
class CheckpointFuzzTest {
    private static final long ARROW_BASE = 16L << 20;

    /** Every model, small: 8 hidden units, memories that fill within 2 tasks of 10 examples. */
    static final List<TrainConfig> CONFIGS = List.of(
            config("online", ""),
            config("independent", "--finetune yes"),
            config("taskinput", ""),
            config("ewc", "--n_memories 4 --memory_strength 10"),
            config("gem", "--n_memories 4 --memory_strength 0.5"),
            config("eralg4", "--memories 6 --replay_batch_size 2"),
            config("eralg5", "--memories 6 --replay_batch_size 2"),
            config("meralg1", "--memories 6 --replay_batch_size 2 --batches_per_example 2 --gamma 0.5 --beta 0.5"),
            config("meralg6", "--memories 6 --replay_batch_size 2 --gamma 0.5"),
            config("meralg7", "--memories 6 --replay_batch_size 2 --gamma 0.5 --s 2"));

    private static TrainConfig config(String model, String flags) {
        return TrainArguments.parse(("--model " + model + " --lr 0.05 --n_hiddens 8 --samples_per_task 10"
                + " --log_every 3 " + flags).trim()).config();
    }

    private static final Path DATA = taskSet();

    private static Path taskSet() {
        try {
            Path dir = Files.createTempDirectory("mer-fuzz-checkpoint-data").resolve("set");
            try (BufferAllocator a = new RootAllocator()) {
                TaskSetFixtures.write(dir, 3, 2, 12, 6, XEncoding.UINT8, List.of(4, 4), 1 << 20, 12, a);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void aCheckpointResumesOrIsRefusedNamingTheFile(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        TrainConfig config = CONFIGS.get((data[0] & 0x7f) % CONFIGS.size());
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        byte[] file = (data[0] & 0x80) != 0 ? frame(rest) : rest;
        Path dir = FuzzInvariant.sandbox("mer-fuzz-checkpoint");
        try {
            Path checkpoint = dir.resolve("run.ckpt");
            Files.write(checkpoint, file);
            FuzzInvariant.check(data.length, 4096, () -> {
                try (BufferAllocator a = new RootAllocator(ARROW_BASE);
                     TaskSet set = TaskSet.open(DATA, a)) {
                    Trainer.run(set, config, TrainProgress.Listener.NONE, CheckpointPolicy.at(checkpoint, 0, () -> false));
                }
            });
            FuzzInvariant.onlyWithin(dir, checkpoint);
        } finally {
            FuzzInvariant.delete(dir);
        }
    }

    /** {@code payload} as a whole version-1 checkpoint file: magic, version, length, payload, CRC-32C. */
    static byte[] frame(byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("MER-CKPT".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeLong(payload.length);
        out.write(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /**
     * Writes the seeds: for every model, a real checkpoint taken mid-run, as a file (top bit clear)
     * and as its payload (top bit set). {@code java … CheckpointFuzzTest DIR}.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int c = 0; c < CONFIGS.size(); c++) {
            TrainConfig config = CONFIGS.get(c);
            Path checkpoint = Files.createTempDirectory("mer-seed").resolve("run.ckpt");
            AtomicInteger checks = new AtomicInteger();
            try (BufferAllocator a = new RootAllocator(); TaskSet set = TaskSet.open(DATA, a)) {
                Trainer.run(set, config, TrainProgress.Listener.NONE, CheckpointPolicy.at(checkpoint, 0,
                        () -> checks.incrementAndGet() > 13));
                throw new IllegalStateException(config.model() + " did not stop");
            } catch (RunStopped expected) {
                // the checkpoint of the 14th batch: the second task, memories filled
            }
            byte[] whole = Files.readAllBytes(checkpoint);
            byte[] payload = Arrays.copyOfRange(whole, 20, whole.length - 4);
            Files.write(out.resolve("seed-" + config.model() + "-file"), prefixed((byte) c, whole));
            Files.write(out.resolve("seed-" + config.model() + "-payload"), prefixed((byte) (c | 0x80), payload));
        }
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] b = new byte[rest.length + 1];
        b[0] = first;
        System.arraycopy(rest, 0, b, 1, rest.length);
        return b;
    }
}
