package dev.mer.experiment.suite;

import java.util.List;
import java.util.Map;

/**
 * What one invocation of a suite did.
 *
 * @param ran the runs finished now, in the order they ended
 * @param alreadyDone the runs finished by earlier invocations, left untouched
 * @param failed the runs that failed, with their errors
 * @param notRun the runs left for later because the suite was cancelled
 * @param seconds wall time of the invocation
 */
public record SuiteOutcome(List<SuiteRun> ran, List<SuiteRun> alreadyDone, Map<SuiteRun, Exception> failed,
                           List<SuiteRun> notRun, double seconds) {
    public SuiteOutcome {
        ran = List.copyOf(ran);
        alreadyDone = List.copyOf(alreadyDone);
        failed = Map.copyOf(failed);
        notRun = List.copyOf(notRun);
    }
}
