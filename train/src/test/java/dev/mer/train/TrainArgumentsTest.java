package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertEquals(new TrainConfig("meralg1", 100, 2, true, 1, 1, 0.03, 0, 0, 5120, 1.0, 10, 1, 100, 0.03, 3, 100,
                1000, false), c);
    }

    @Test
    void defaultsAreMainPys() {
        TrainConfig c = TrainArguments.parse("--model online").config();
        assertEquals(new TrainConfig("online", 100, 2, true, 1, 1, 1e-3, 0, 0, 5120, 1.0, 1, 1, 20, 1.0, 0, 100, -1,
                false), c);
        assertEquals("mnist_permutations.pt", TrainArguments.none().get("data_file"));
        assertFalse(TrainArguments.none().cuda());
    }

    @Test
    void kebabCaseAndEqualsSignsAreTheSameFlags() {
        TrainArguments a = TrainArguments.parse(List.of("--model", "gem", "--n-memories=25", "--memory-strength", "0.5",
                "--shuffle-tasks", "yes"));
        assertEquals(TrainArguments.parse("--model gem --n_memories 25 --memory_strength 0.5 --shuffle_tasks yes"), a);
        TrainConfig c = a.config();
        assertEquals(25, c.nMemories());
        assertTrue(c.shuffleTasks());
        assertEquals(List.of("--model", "gem", "--n_memories", "25", "--memory_strength", "0.5", "--shuffle_tasks",
                "yes"), a.tokens());
    }

    @Test
    void laterArgumentsOverrideEarlierOnesFlagByFlag() {
        TrainArguments common = TrainArguments.parse("--samples_per_task 1000 --log_every 100");
        TrainArguments row = TrainArguments.parse("--model eralg4 --samples_per_task 200");
        TrainArguments merged = common.with(row).with("seed", "4");
        assertEquals("200", merged.get("samples_per_task"));
        assertEquals(4, merged.config().seed());
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
    void everyModelSpecificFlagNamesOnlyRealModels() {
        for (TrainArguments.Flag f : TrainArguments.FLAGS) {
            assertTrue(TrainConfig.MODELS.containsAll(f.usedBy()), f.toString());
        }
        assertEquals(List.of("gem", "ewc"), TrainArguments.flag("--n-memories").usedBy());
    }
}
