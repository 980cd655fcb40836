package dev.mer.experiment.results;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import dev.mer.experiment.summary.PublishedFigures;
import dev.mer.experiment.summary.Summary;
import dev.mer.experiment.summary.SummaryRow;
import dev.mer.experiment.summary.SummaryTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz target (docs/fuzzing.md): a result file ({@code .json} written by {@code mer train}),
 * mutated, as {@code mer report} and {@code mer suite} read it back: {@link RunRecord#read} of the
 * file named on the command line, {@link RunRecord#readAll} of a results directory (which first
 * asks whether a {@code .json} is a result file at all), and the summary of the runs read
 * (RA/LA/BTI means and the tables beside the paper's figures).
 */
class ResultFileFuzzTest {
    @FuzzTest
    void aResultFileIsReadOrRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-result");
        try {
            Path dir = Files.createDirectories(sandbox.resolve("results"));
            Path file = Files.write(dir.resolve("run.json"), data);
            FuzzInvariant.check(data.length, 4096, () -> {
                RunRecord one = RunRecord.read(file);
                List<RunRecord> all = RunRecord.readAll(List.of(dir));
                List<SummaryRow> rows = Summary.of(all.isEmpty() ? List.of(one) : all);
                SummaryTables.markdown(rows, PublishedFigures.paper());
                SummaryTables.csv(rows, PublishedFigures.paper());
                one.ra();
                one.la();
                one.bti();
            });
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
