package dev.mer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mer.dataset.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerateOptionsTest {
    private static final GenerateOptions.AnglesReader NO_READING = dir -> {
        throw new AssertionError("read " + dir);
    };

    private static String refusal(GenerateOptions.Builder b) {
        return assertThrows(InvalidInputException.class, () -> b.build(NO_READING)).getMessage();
    }

    @Test
    void theBenchmarkNamedGivesItsTaskCountAndThePapersRange() throws IOException {
        GenerateOptions o = GenerateOptions.builder().tasks(null, 7, null).build(NO_READING);
        assertEquals(Benchmark.PERMUTATIONS, o.benchmark());
        assertEquals(7, o.tasks());
        assertEquals(GenerateOptions.MIN_ROTATION, o.minRotation());
        assertEquals(GenerateOptions.MAX_ROTATION, o.maxRotation());
        assertEquals(GenerateOptions.ALL_ROWS, o.trainPerTask());
    }

    @Test
    void anglesAloneMeanRotationsOneTaskPerAngleReadOnlyWhenAsked() throws IOException {
        GenerateOptions given = GenerateOptions.builder().angles(List.of(1.0, 2.0)).build(NO_READING);
        assertEquals(Benchmark.ROTATIONS, given.benchmark());
        assertEquals(2, given.tasks());
        assertEquals("given", given.anglesOrigin());
        GenerateOptions from = GenerateOptions.builder().anglesFrom(Path.of("data", "mnist_rotations"))
                .build(dir -> List.of(3.0, 4.0, 5.0));
        assertEquals(List.of(3.0, 4.0, 5.0), from.angles());
        assertEquals("from mnist_rotations", from.anglesOrigin());
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefusedNamingThem() {
        assertEquals("choose one of --rotations, --permutations and --many-permutations",
                refusal(GenerateOptions.builder().tasks(3, 4, null)));
        assertEquals("choose --rotations, --permutations or --many-permutations (see 'mer generate --help')",
                refusal(GenerateOptions.builder()));
        assertEquals("give --angles or --angles-from, not both",
                refusal(GenerateOptions.builder().angles(List.of(1.0)).anglesFrom(Path.of("x"))));
        assertEquals("--min-rot and --max-rot do not apply to given angles",
                refusal(GenerateOptions.builder().angles(List.of(1.0)).rotationRange(0, 90)));
        assertEquals("--min-rot and --max-rot apply to rotations only",
                refusal(GenerateOptions.builder().tasks(null, 2, null).rotationRange(10, 180)));
        assertEquals("Invalid number of tasks: 0 (must be at least 1)",
                refusal(GenerateOptions.builder().tasks(0, null, null)));
    }

    @Test
    void aRotationCountThatIsNotTheAnglesIsRefusedNamingTheTaskSet() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GenerateOptions.builder()
                .tasks(5, null, null).anglesFrom(Path.of("rot")).build(dir -> List.of(1.0, 2.0)));
        assertEquals(Path.of("rot"), e.file());
    }
}
