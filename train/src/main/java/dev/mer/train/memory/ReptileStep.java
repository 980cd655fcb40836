package dev.mer.train.memory;

import dev.mer.train.network.Parameters;

/**
 * Reptile's meta-update as MER uses it: remember the weights, let the inner SGD steps run, then
 * move from the remembered weights a fraction of the way to the new ones,
 * {@code θ ← θ_before + rate · (θ_after − θ_before)}, one pass over the flat parameter vector.
 */
public final class ReptileStep {
    private final Parameters params;
    private final float[] before;

    public ReptileStep(Parameters params) {
        this.params = params;
        this.before = new float[params.size()];
    }

    /** Remembers the current weights. */
    public void begin() {
        System.arraycopy(params.values(), 0, before, 0, before.length);
    }

    /** Interpolates from the remembered weights towards the current ones by {@code rate}. */
    public void end(float rate) {
        if (rate == 1f) {
            return; // θ_before + (θ_after − θ_before) is θ_after, up to rounding the reference also incurs
        }
        float[] v = params.values();
        for (int k = 0; k < v.length; k++) {
            v[k] = before[k] + (v[k] - before[k]) * rate;
        }
    }

    /**
     * {@link #end} then {@link #begin}, in one pass: consecutive Reptile batches need not copy the
     * weights again after interpolating them.
     */
    public void endThenBegin(float rate) {
        float[] v = params.values();
        if (rate == 1f) {
            System.arraycopy(v, 0, before, 0, before.length);
            return;
        }
        for (int k = 0; k < v.length; k++) {
            float now = before[k] + (v[k] - before[k]) * rate;
            v[k] = now;
            before[k] = now;
        }
    }
}
