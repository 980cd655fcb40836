package dev.mer.random;

import java.math.BigInteger;
import java.util.List;

/**
 * CPython 3's {@code random} module after {@code random.seed(n)} for an integer n: the functions
 * the reference code calls ({@code random}, {@code randint}, {@code shuffle}), drawn as
 * {@code Modules/_randommodule.c} and {@code Lib/random.py} draw them (Python 3.2 and later;
 * Python 2.7's {@code shuffle} differs); bit-exact against CPython 3.11, see
 * {@code docs/formats/random-streams.md} §3. Not thread-safe.
 */
public final class PythonRandom {
    private final Mt19937 mt;

    /** {@code random.seed(seed)}: MT19937 seeded by {@code init_by_array} with the 32-bit words of |seed|. */
    public PythonRandom(long seed) {
        BigInteger n = BigInteger.valueOf(seed).abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        this.mt = Mt19937.initByArray(key);
    }

    /** {@code random.getrandbits(k)} for {@code 0 <= k <= 32}. */
    public long getrandbits(int k) {
        if (k < 0 || k > 32) {
            throw new IllegalArgumentException("Unsupported bit count: " + k);
        }
        return k == 0 ? 0 : (mt.nextInt() & 0xffffffffL) >>> (32 - k);
    }

    /** {@code random._randbelow(n)}: uniform in [0, n) by rejection on {@code n.bit_length()} bits. */
    public int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Invalid bound: " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code random.randint(a, b)}: uniform in [a, b], both ends included. */
    public int randint(int a, int b) {
        return a + randbelow(b - a + 1);
    }

    /** {@code random.random()}: a double in [0, 1) from 53 random bits. */
    public double random() {
        long a = (mt.nextInt() & 0xffffffffL) >>> 5;
        long b = (mt.nextInt() & 0xffffffffL) >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code random.shuffle(x)} in place: Fisher–Yates from the end. */
    public <T> void shuffle(List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            T t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }

    /** {@code random.shuffle(x)} on an int array, same draws. */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** The stream's exact position (as Python's {@code random.getstate()}). */
    public Mt19937.State state() {
        return mt.state();
    }

    /** Moves the stream to {@code s}, taken from a stream of the same kind: the draws continue from there. */
    public void restore(Mt19937.State s) {
        mt.restore(s);
    }
}
