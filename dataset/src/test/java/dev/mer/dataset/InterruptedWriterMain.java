package dev.mer.dataset;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** A process that starts writing a task-set and never finishes: TaskSetWriterTest interrupts it. */
public final class InterruptedWriterMain {
    private InterruptedWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Manifest train = TaskSetFixtures.manifest(Split.TRAIN, 1, 2, XEncoding.UINT8, List.of(1));
        Manifest test = TaskSetFixtures.manifest(Split.TEST, 1, 1, XEncoding.UINT8, List.of(1));
        RootAllocator allocator = new RootAllocator();
        TaskSetWriter w = TaskSetWriter.create(Path.of(args[0]), train, test, allocator, false);
        w.split(Split.TRAIN).appendUint8(0, new byte[1], 0, new int[1], 0, 1);
        System.out.println("writing");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
