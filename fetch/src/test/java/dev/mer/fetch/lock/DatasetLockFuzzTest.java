package dev.mer.fetch.lock;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mer.dataset.FuzzInvariant;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target (docs/fuzzing.md): {@code datasets.lock}, mutated, as {@code mer fetch} reads it:
 * every section and key, each entry's checks, the groups a command line selects from.
 */
class DatasetLockFuzzTest {
    @FuzzTest
    void aLockFileIsReadOrRefusedNamingTheFile(byte[] data) throws Exception {
        Path sandbox = FuzzInvariant.sandbox("mer-fuzz-lock");
        try {
            Path file = Files.write(sandbox.resolve("datasets.lock"), data);
            FuzzInvariant.check(data.length, 1024, () -> {
                DatasetLock lock = DatasetLock.read(file);
                for (String g : lock.groups()) {
                    lock.group(g).size();
                }
                for (LockEntry e : lock.entries()) {
                    e.toString();
                }
            });
        } finally {
            FuzzInvariant.delete(sandbox);
        }
    }
}
