package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.random.PythonRandom;
import dev.mer.random.TorchGenerator;
import dev.mer.train.continuum.Continuum;
import dev.mer.train.learner.Model;
import dev.mer.train.learner.Models;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainArgumentsTest {
    @Test
    void aLineOfMerExamplesShBecomesItsConfig() {
        TrainConfig c = TrainArguments.parse("--n_layers 2 --n_hiddens 100 --data_path data/ --save_path results/"
                + " --batch_size 1 --log_every 100 --samples_per_task 1000 --data_file mnist_rotations.pt --cuda no"
                + " --seed 3 --model meralg1 --lr 0.03 --beta 0.03 --gamma 1.0 --memories 5120"
                + " --replay_batch_size 100 --batches_per_example 10").config();
        assertEquals(TrainConfig.builder("meralg1").set(Flags.LR, 0.03).set(Flags.BETA, 0.03)
                .set(Flags.BATCHES_PER_EXAMPLE, 10.0).set(Flags.REPLAY_BATCH_SIZE, 100.0).set(Flags.SEED, 3L)
                .set(Flags.SAMPLES_PER_TASK, 1000).build(), c);
    }

    @Test
    void defaultsAreMainPys() {
        TrainConfig c = TrainArguments.parse("--model online").config();
        assertEquals(TrainConfig.builder("online").build(), c);
        for (Flag<?> f : Flags.TRAINING) {
            assertEquals(f.defaultValue(), c.get(f), f.name());
        }
        assertEquals(1e-3, c.get(Flags.LR));
        assertEquals(100, c.get(Flags.N_HIDDENS));
        assertEquals(-1, c.get(Flags.SAMPLES_PER_TASK));
        assertEquals("mnist_permutations.pt", TrainArguments.none().get("data_file"));
        assertFalse(TrainArguments.none().cuda());
    }

    @Test
    void kebabCaseAndEqualsSignsAreTheSameFlags() {
        TrainArguments a = TrainArguments.parse(List.of("--model", "gem", "--n-memories=25", "--memory-strength", "0.5",
                "--shuffle-tasks", "yes"));
        assertEquals(TrainArguments.parse("--model gem --n_memories 25 --memory_strength 0.5 --shuffle_tasks yes"), a);
        TrainConfig c = a.config();
        assertEquals(25, c.get(Flags.N_MEMORIES));
        assertTrue(c.get(Flags.SHUFFLE_TASKS));
        assertEquals(List.of("--model", "gem", "--n_memories", "25", "--memory_strength", "0.5", "--shuffle_tasks",
                "yes"), a.tokens());
    }

    @Test
    void laterArgumentsOverrideEarlierOnesFlagByFlag() {
        TrainArguments common = TrainArguments.parse("--samples_per_task 1000 --log_every 100");
        TrainArguments row = TrainArguments.parse("--model eralg4 --samples_per_task 200");
        TrainArguments merged = common.with(row).with("seed", "4");
        assertEquals("200", merged.get("samples_per_task"));
        assertEquals(4L, merged.config().get(Flags.SEED));
        assertEquals("100", merged.get("log-every"));
    }

    @Test
    void aFlagThatMeansNothingToTheModelIsRefusedWithTheModelsItIsFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainArguments.parse("--model online --memories 200").config());
        assertEquals("--memories has no effect on --model online (it is used by eralg4, eralg5, meralg1, meralg6,"
                + " meralg7)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainArguments.parse("--model gem --finetune no").config());
        TrainArguments.parse("--model independent --finetune no").config();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--model online --learning_rate 0.1 | Unknown flag --learning_rate (main.py's flags: --model, --n_hiddens,",
        "--model online --lr            | --lr needs a value",
        "--model online --lr fast       | --lr takes a number, not 'fast'",
        "--model online --n_hiddens 1.5 | --n_hiddens takes an integer, not '1.5'",
        "--model online --cuda maybe    | --cuda takes yes or no, not 'maybe'",
        "--model online --lr 1 --lr 2   | --lr is given twice",
        "--model resnet                 | unknown --model 'resnet' (models: online, independent,",
        "model online                   | Expected a flag such as --lr, not 'model'",
        "--lr 0.1                       | --model is required",
        "--model online --lr -1         | Invalid lr: -1.0",
    })
    void badCommandLinesAreOneClearMessage(String line, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainArguments.parse(line).config());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void theModelsThatReadAFlagComeFromTheCatalogue() {
        assertEquals(List.of("ewc", "gem"), Models.readers(Flags.named("--n-memories")));
        assertEquals(List.of("meralg1", "meralg6"), Models.readers(Flags.BATCHES_PER_EXAMPLE));
        assertEquals(Models.names(), Models.readers(Flags.LR));
    }

    @Test
    void meralg6TakesBatchesPerExampleAsItsReferenceFileDoes() {
        TrainConfig c = TrainArguments.parse("--model meralg6 --batches_per_example 3").config();
        assertEquals(3.0, c.get(Flags.BATCHES_PER_EXAMPLE));
    }

    @Test
    void aConfigurationRoundTripsThroughItsRecordedArguments() {
        TrainConfig c = TrainArguments.parse("--model gem --lr 0.01 --n_memories 256 --memory_strength 0.5"
                + " --seed 7 --shuffle_tasks yes --samples_per_task 1000").config();
        Map<String, Object> recorded = c.asArguments("mnist_rotations");
        assertEquals(c, TrainConfig.fromArguments(recorded));
        assertEquals("yes", recorded.get("shuffle_tasks"));
        assertEquals(Boolean.FALSE, recorded.get("cuda"));
        assertEquals(List.of("model", "n_hiddens", "n_layers", "finetune", "n_epochs", "batch_size", "lr", "n_memories",
                "memory_strength", "memories", "gamma", "batches_per_example", "s", "replay_batch_size", "beta", "cuda",
                "seed", "log_every", "data_file", "samples_per_task", "shuffle_tasks"), List.copyOf(recorded.keySet()));
    }

    @Test
    void aModelsOwnRefusalIsOneLineNamingTheModelAndTheReferencesFailure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainArguments.parse("--model gem").config());
        assertEquals("gem: --n_memories 0 with a batch of one example (main.py's defaults): the reference's gem.py"
                + " stores the example's label in a memory of no slot (IndexError)", e.getMessage());
        // with batches of several examples the reference stores nothing and runs
        TrainArguments.parse("--model gem --batch_size 10").config();
        // ewc's default n_memories 0 keeps each task's first batch, as the reference does
        TrainArguments.parse("--model ewc").config();
    }

    @Test
    void aFlagsRangeSaysWhyTheReferenceCannotRunOutsideIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainArguments.parse("--model online --log_every 0").config());
        assertEquals("Invalid log_every: 0 (not 0: main.py takes the batch index modulo log_every"
                + " (ZeroDivisionError))", e.getMessage());
        // what main.py runs, mer accepts: no epoch, no hidden layer, no memory, no replay, no step
        TrainArguments.parse("--model online --n_epochs 0 --n_layers -1 --lr 0 --log_every -5").config();
        TrainArguments.parse("--model eralg4 --memories -1 --replay_batch_size -2").config();
        TrainArguments.parse("--model meralg1 --batches_per_example 0.5").config();
    }

    @Test
    void refusalsThatDependOnTheStreamWaitForIt() {
        TrainConfig ewc = TrainArguments.parse("--model ewc --n_memories 5 --shuffle_tasks yes --seed 0").config();
        Model model = ewc.modelEntry();
        // one task can only come in order; with five, seed 0 presents 4, 0, 1, 3, 2
        model.check(ewc, Continuum.draw(new int[] {10}, -1, 1, true, new TorchGenerator(0), new PythonRandom(0)));
        Continuum five = Continuum.draw(new int[] {10, 10, 10, 10, 10}, -1, 1, true, new TorchGenerator(0),
                new PythonRandom(0));
        assertEquals(List.of(4, 0, 1, 3, 2), Arrays.stream(five.taskOrder()).boxed().toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.check(ewc, five));
        assertTrue(e.getMessage().startsWith("ewc: --shuffle_tasks yes presented the tasks out of order"),
                e.getMessage());

        TrainConfig gem = TrainArguments.parse("--model gem --batch_size 4").config();
        Continuum thirty = Continuum.draw(new int[] {30, 30}, -1, 1, false, new TorchGenerator(0), new PythonRandom(0));
        Continuum twentyNine = Continuum.draw(new int[] {30, 29}, -1, 1, false, new TorchGenerator(0),
                new PythonRandom(0));
        gem.modelEntry().check(gem, thirty); // batches of 4 and 2
        assertThrows(IllegalArgumentException.class, () -> gem.modelEntry().check(gem, twentyNine)); // 4 x 7 + 1
    }
}
