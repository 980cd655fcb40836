package dev.mer.experiment.grid;

import dev.mer.train.Flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mer.dataset.InvalidInputException;
import dev.mer.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridTest {
    @TempDir
    Path tmp;

    @Test
    void thePapersGridIsTheFiftySevenRunsOfMerExamplesSh() {
        Grid grid = Grid.paper();
        assertEquals(57, grid.rows().size());
        assertEquals(57, grid.rows().stream().map(GridRow::key).distinct().count());
        GridRow first = grid.rows().get(0);
        assertEquals("online_rotations", first.key());
        TrainConfig c = first.arguments(3, OptionalInt.empty()).config();
        assertEquals(TrainConfig.builder("online").set(Flags.LR, 0.0003).set(Flags.SEED, 3L)
                .set(Flags.SAMPLES_PER_TASK, 1000).build(), c);
        // mer_examples.sh: "$ROT $seed --model meralg1 --lr 0.1 --beta 0.01 --gamma 1.0 --memories 200
        // --replay_batch_size 10 --batches_per_example 5"
        GridRow meralg1 = grid.select(GridFilter.parse("model=meralg1,dataset=rotations,memories=200")).rows().get(0);
        TrainConfig m = meralg1.arguments(0, OptionalInt.empty()).config();
        assertEquals(0.1, m.get(Flags.LR));
        assertEquals(0.01, m.get(Flags.BETA));
        assertEquals(200, m.get(Flags.MEMORIES));
        assertEquals(10, m.get(Flags.REPLAY_BATCH_SIZE));
        assertEquals(5, m.get(Flags.BATCHES_PER_EXAMPLE));
        // Many Permutations runs 200 samples per task, the others 1000
        GridRow many = grid.select(GridFilter.parse("model=gem,dataset=manypermutations,memories=5120")).rows().get(0);
        assertEquals(200, many.arguments(0, OptionalInt.empty()).config().get(Flags.SAMPLES_PER_TASK));
        assertEquals(51, many.arguments(0, OptionalInt.empty()).config().get(Flags.N_MEMORIES));
        assertEquals(20, many.arguments(0, OptionalInt.of(20)).config().get(Flags.SAMPLES_PER_TASK));
    }

    @Test
    void filtersSelectByModelDatasetAndMemoryWithAlternatives() {
        Grid grid = Grid.paper();
        assertEquals(8, grid.select(GridFilter.parse("model=meralg1")).rows().size());
        assertEquals(6, grid.select(GridFilter.parse("model=meralg1|eralg4,dataset=rotations")).rows().size());
        assertEquals(18, grid.select(GridFilter.parse("memories=5120")).rows().size());
        assertEquals(12, grid.select(GridFilter.parse("memories=200")).rows().size());
        assertEquals(List.of("online", "independent", "ewc"), grid.select(GridFilter.parse("memories=-,dataset=rotations"))
                .rows().stream().map(GridRow::model).toList());
        assertEquals(57, grid.select(GridFilter.parse("")).rows().size());
        assertEquals(0, grid.select(GridFilter.parse("dataset=fashion")).rows().size());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "colour=red               => unknown filter column 'colour' (columns: model, dataset, memories)",
        "model                    => filter 'model' is not column=value",
        "model=merlag1            => unknown model 'merlag1' in the filter",
        "model=online|            => empty value in filter 'model=online|'",
        "memories=lots            => memories in a filter is a number or -, not 'lots'",
        "model=online,model=gem   => filter column 'model' given twice",
        "model=online,            => filter '' is not column=value",
    })
    void aBadFilterSaysWhatIsWrong(String filter, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridFilter.parse(filter));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aUserGridInTheSameFormatIsReadFromItsFile() throws Exception {
        Path file = tmp.resolve("mine.tsv");
        Files.writeString(file, "# two runs\n" + Grid.HEADER + "\n\nonline\tfashion\t-\t--lr 0.01\n"
                + "eralg4\tfashion\t50\t--lr 0.1 --memories 50 --replay-batch-size 5\n");
        Grid grid = Grid.read(file);
        assertEquals(List.of("online_fashion", "eralg4_fashion_50"), grid.rows().stream().map(GridRow::key).toList());
        assertEquals("fashion", Protocol.taskSetName("fashion"));
        assertEquals("mnist_rotations", Protocol.taskSetName("rotations"));
        assertEquals(grid.rows(), Grid.parse("again", null, grid.toText()).rows());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "online\trotations                            | line 2: expected 4 tab-separated columns (model, dataset, memories, args), found 2",
        "online rotations - --lr 0.1                   | line 2: expected 4 tab-separated columns",
        "resnet\trotations\t-\t--lr 0.1               | line 2: unknown model 'resnet'",
        "online\trotations\tmany\t--lr 0.1            | line 2: memories must be a number or -, not 'many'",
        "online\trotations\t-\t--lr fast              | line 2: --lr takes a number, not 'fast'",
        "online\trotations\t-\t--memories 200         | line 2: --memories has no effect on --model online",
        "online\trotations\t-\t--seed 3               | line 2: --seed is set by the suite, not by a grid row",
        "online\trotations\t-\t--learning_rate 3      | line 2: Unknown flag --learning_rate",
        "eralg4\trotations\t500\t--memories 200       | line 2: memories column 500 but --memories 200 for eralg4",
        "online\trot ations\t-\t--lr 0.1              | line 2: invalid dataset name 'rot ations'",
    })
    void aBadLineIsOneErrorNamingTheFileAndLine(String line, String message) throws Exception {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, Grid.HEADER + "\n" + line.replace("\\t", "\t") + "\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Grid.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + message), e.getMessage());
        assertEquals(file, e.file());
    }

    /** Issue 16's fuzzing finding: Java's reader threw MalformedInputException ("Input length = 1"). */
    @Test
    void aGridThatIsNotUtf8IsRefusedNamingTheFileAndTheByte() throws Exception {
        Path file = tmp.resolve("latin1.tsv");
        Files.write(file, (Grid.HEADER + "\nonline\trotations\t-\t--lr 0.1 # caf\u00e9\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Grid.read(file));
        assertEquals(file + ": not UTF-8 text (byte 61 of 63 starts no UTF-8 character)", e.getMessage());
    }

    @Test
    void aMissingHeaderOrARepeatedRowIsRefused() throws Exception {
        Path file = tmp.resolve("bad.tsv");
        Files.writeString(file, "online\trotations\t-\t--lr 0.1\n");
        assertEquals(file + ": line 1: expected the header 'model<TAB>dataset<TAB>memories<TAB>args'",
                assertThrows(InvalidInputException.class, () -> Grid.read(file)).getMessage());
        Files.writeString(file, Grid.HEADER + "\nonline\trotations\t-\t--lr 0.1\n# again\nonline\trotations\t-\t--lr 0.2\n");
        assertEquals(file + ": line 4: repeats online on rotations with memories - of line 2",
                assertThrows(InvalidInputException.class, () -> Grid.read(file)).getMessage());
        Files.writeString(file, Grid.HEADER + "\n");
        assertEquals(file + ": a grid without rows",
                assertThrows(InvalidInputException.class, () -> Grid.read(file)).getMessage());
    }

    @Test
    void seedsAreRangesAndLists() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), Seeds.parse("0-4").values());
        assertEquals(List.of(0L, 2L, 7L), Seeds.parse("7,0,2").values());
        assertEquals(List.of(0L, 1L, 2L, 10L), Seeds.parse("0-2,10,1").values());
        for (String bad : new String[] {"", "4-0", "a", "1,,2", "-1", "0-5000"}) {
            assertThrows(IllegalArgumentException.class, () -> Seeds.parse(bad), bad);
        }
    }
}
