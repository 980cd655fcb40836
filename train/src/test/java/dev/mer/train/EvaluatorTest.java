package dev.mer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mer.dataset.TaskSet;
import dev.mer.train.network.InputRows;
import dev.mer.train.network.Mlp;
import dev.mer.train.network.NamedTensor;
import dev.mer.train.network.Network;
import dev.mer.train.network.Parameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class EvaluatorTest {
    @TempDir
    Path tmp;
    BufferAllocator allocator;
    TaskSet data;

    @BeforeEach
    void writeData() throws IOException {
        allocator = new RootAllocator();
        LearnableTaskSets.write(tmp.resolve("perm"), 3, 10, 150, allocator);
        data = TaskSet.open(tmp.resolve("perm"), allocator);
    }

    @AfterEach
    void close() throws IOException {
        data.close();
        allocator.close();
    }

    /** A network that counts the rows it is asked to classify, it and its twins together. */
    static final class Counting implements Network {
        final Network inner;
        final AtomicInteger rows;

        Counting(Network inner, AtomicInteger rows) {
            this.inner = inner;
            this.rows = rows;
        }

        @Override
        public dev.mer.train.network.InputShape inputShape() {
            return inner.inputShape();
        }

        @Override
        public int classes() {
            return inner.classes();
        }

        @Override
        public Parameters parameters() {
            return inner.parameters();
        }

        @Override
        public float lossGradient(float[] x, int offset, int label, float scale) {
            return inner.lossGradient(x, offset, label, scale);
        }

        @Override
        public void predict(INDArray x, int[] predictions) {
            rows.addAndGet((int) x.rows());
            inner.predict(x, predictions);
        }

        @Override
        public void predict(InputRows x, int[] predictions) {
            rows.addAndGet(x.rows());
            inner.predict(x, predictions);
        }

        @Override
        public List<NamedTensor> stateDict() {
            return inner.stateDict();
        }

        @Override
        public Network over(Parameters parameters) {
            return new Counting(inner.over(parameters), rows);
        }
    }

    /** A snapshot of the given networks, one per task, as the trainer takes one of a learner's. */
    static Snapshot snapshotOf(Network... nets) {
        return Snapshot.of(t -> nets[t], nets.length);
    }

    static Network net(long seed, AtomicInteger rows) {
        Mlp m = Mlp.dense(64, 20, 10);
        m.initXavier(new SplittableRandom(seed));
        return new Counting(m, rows);
    }

    /** A new evaluator's accuracies, its rows not counted. */
    private float[] fresh(Network[] nets, AtomicInteger rows) throws IOException {
        int counted = rows.get();
        float[] acc = new Evaluator(data.test()).evaluate(snapshotOf(nets));
        rows.set(counted);
        return acc;
    }

    @Test
    void aNetworkWhoseParametersAreBitIdenticalToItsLastEvaluationKeepsItsAccuracyWithoutBeingEvaluatedAgain()
            throws IOException {
        AtomicInteger rows = new AtomicInteger();
        Network[] nets = {net(1, rows), net(2, rows), net(3, rows)};
        Evaluator evaluator = new Evaluator(data.test());
        float[] first = evaluator.evaluate(snapshotOf(nets));
        assertEquals(450, rows.get());
        float[] again = evaluator.evaluate(snapshotOf(nets));
        assertEquals(450, rows.get(), "nothing changed, nothing evaluated");
        assertArrayEquals(first, again);

        // one bit of task 1's network: only task 1 is evaluated again, and every accuracy is what a
        // new evaluation gives
        float[] v = nets[1].parameters().values();
        float[] before = v.clone();
        v[0] = Math.nextUp(v[0]);
        float[] changed = evaluator.evaluate(snapshotOf(nets));
        assertEquals(600, rows.get());
        assertArrayEquals(fresh(nets, rows), changed);

        // back to the values of an older evaluation: evaluated again (only the last one is kept)
        System.arraycopy(before, 0, v, 0, v.length);
        assertArrayEquals(first, evaluator.evaluate(snapshotOf(nets)));
        assertEquals(750, rows.get());
    }

    @Test
    void oneNetworkForEveryTaskIsEvaluatedOnEveryTaskWheneverItChanges() throws IOException {
        AtomicInteger rows = new AtomicInteger();
        Network shared = net(4, rows);
        Network[] nets = {shared, shared, shared};
        Evaluator evaluator = new Evaluator(data.test());
        evaluator.evaluate(snapshotOf(nets));
        assertEquals(450, rows.get());
        shared.parameters().values()[3] += 1f;
        float[] after = evaluator.evaluate(snapshotOf(nets));
        assertEquals(900, rows.get());
        assertArrayEquals(fresh(nets, rows), after);
        evaluator.evaluate(snapshotOf(nets));
        assertEquals(900, rows.get());
    }
}
