package dev.mer.random;

/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura 1998), with the two seedings of the
 * reference code: Knuth's {@code init_genrand} (PyTorch, C++ {@code std::mt19937}) and
 * {@code init_by_array} (CPython's {@code random.seed}); {@code docs/formats/random-streams.md} §1.
 * Not thread-safe.
 */
public final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int next = N;

    private Mt19937() {
    }

    /** {@code init_genrand(seed)}: PyTorch's {@code manual_seed} (low 32 bits of the seed). */
    public static Mt19937 initGenrand(int seed) {
        Mt19937 mt = new Mt19937();
        mt.genrand(seed);
        return mt;
    }

    /** {@code init_by_array(key)}: CPython's seeding from the 32-bit words of the seed. */
    public static Mt19937 initByArray(int[] key) {
        Mt19937 mt = new Mt19937();
        mt.genrand(19650218);
        int[] s = mt.state;
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            s[i] = (s[i] ^ ((s[i - 1] ^ (s[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                s[0] = s[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            s[i] = (s[i] ^ ((s[i - 1] ^ (s[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x80000000;
        return mt;
    }

    /**
     * The generator's exact position: its 624 state words and the index of the next word to
     * temper ({@code 624} when the next draw twists first). {@link #restore} of it continues the
     * stream draw for draw, as CPython's {@code getstate()}/{@code setstate()} and torch's
     * {@code get_state()} do (a checkpoint keeps it).
     *
     * @param words the state words, 624 of them
     * @param position the next word, in {@code [0, 624]}
     */
    public record State(int[] words, int position) {
        /** The number of state words. */
        public static final int WORDS = N;

        public State {
            if (words.length != N || position < 0 || position > N) {
                throw new IllegalArgumentException("Invalid MT19937 state: " + words.length + " words, position "
                        + position + " (expected " + N + " words, position 0 to " + N + ")");
            }
            words = words.clone();
        }

        @Override
        public int[] words() {
            return words.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.position == position && java.util.Arrays.equals(s.words, words);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(words) * 31 + position;
        }

        @Override
        public String toString() {
            return "MT19937 state at word " + position;
        }
    }

    /** This generator's exact position (a copy). */
    public State state() {
        return new State(state, next);
    }

    /** Moves this generator to {@code s}: the following draws are those that followed {@code s}. */
    public void restore(State s) {
        System.arraycopy(s.words, 0, state, 0, N);
        next = s.position;
    }

    private void genrand(int seed) {
        state[0] = seed;
        for (int j = 1; j < N; j++) {
            state[j] = 1812433253 * (state[j - 1] ^ (state[j - 1] >>> 30)) + j;
        }
        next = N;
    }

    /** The next tempered 32-bit output; read it as unsigned. */
    public int nextInt() {
        if (next >= N) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        next = 0;
    }
}
