package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * main.py's {@code vars(args)} as mer rebuilds it, against what the reference's own argument code
 * prints for the same command lines ({@code reference/main_py_args.tsv}, made by
 * {@code make_main_py_args.py} from mattriemer/MER's main.py).
 */
class MainPyArgsTest {
    static Stream<String[]> referenceLines() throws IOException {
        try (InputStream in = MainPyArgsTest.class.getResourceAsStream("/reference/main_py_args.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.stream().map(l -> l.split("\t", 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceLines")
    void varsArgsPrintsAsMainPyPrintsIt(String commandLine, String printed) {
        assertEquals(printed, TrainArguments.parse(commandLine).mainPyArgs().repr());
    }
}
