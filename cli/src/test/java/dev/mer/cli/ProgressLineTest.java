package dev.mer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void inALogTheFirstUpdateAndTheLastArePrintedAsLinesWithTheirNote() {
        ProgressLine line = new ProgressLine(err, false, "generate", false);
        line.update(10, 40, "task 1/4");
        line.update(20, 40, "task 2/4"); // within ten seconds of the first: not printed
        line.update(40, 40, "task 4/4");
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("generate [######                  ]  25% 10 / 40"), lines.get(0));
        assertTrue(lines.get(0).endsWith("task 1/4"), lines.get(0));
        assertTrue(lines.get(1).startsWith("generate [########################] 100% 40 / 40"), lines.get(1));
    }

    @Test
    void aStageNamesTheLinesThatFollowItAndStartsTheirCountAfresh() {
        ProgressLine line = new ProgressLine(err, false, "convert", true);
        line.stage("reading");
        line.update(1 << 20, 4 << 20, "");
        line.stage("writing");
        line.update(1 << 20, 2 << 20, "");
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("convert [") && lines.get(0).endsWith("reading"), lines.get(0));
        assertTrue(lines.get(1).contains(" 50% ") && lines.get(1).endsWith("writing"), lines.get(1));
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndedByANewLine() {
        ProgressLine line = new ProgressLine(err, true, "download", true);
        line.update(5, 10, "");
        line.end();
        String out = text.toString();
        assertTrue(out.startsWith("\rdownload ["), out);
        assertTrue(out.endsWith(System.lineSeparator()), out);
    }
}
