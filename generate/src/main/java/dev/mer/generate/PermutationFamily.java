package dev.mer.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mer.generate.idx.IdxDataset;
import dev.mer.generate.transform.Permutation;
import dev.mer.random.TorchGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST Permutations and Many Permutations (GEM's {@code data/mnist_permutations.py}): task
 * {@code t} takes the {@code t}-th {@code torch.randperm(pixels)} after
 * {@code torch.manual_seed(seed)}, exactly GEM's draw, so GEM's files are reproduced bit for bit; seed, draw and the permutation
 * are recorded.
 * With {@code identityFirst}, task 0 keeps the pixels in place (its draw is still consumed, so later
 * tasks keep GEM's permutations).
 */
final class PermutationFamily implements BenchmarkFamily {
    @Override
    public List<TaskTransform> transforms(GenerateOptions options, IdxDataset source) {
        int pixels = source.pixels();
        TorchGenerator draws = new TorchGenerator(options.seed());
        List<TaskTransform> transforms = new ArrayList<>(options.tasks());
        for (int t = 0; t < options.tasks(); t++) {
            Permutation p = Permutation.draw(draws, pixels);
            ObjectNode param = JsonNodeFactory.instance.objectNode();
            if (options.identityFirst() && t == 0) {
                p = Permutation.identity(pixels);
                param.put("identity", true);
            } else {
                param.put("seed", options.seed());
                param.put("draw", t);
            }
            ArrayNode order = param.putArray("permutation");
            for (int v : p.order()) {
                order.add(v);
            }
            transforms.add(new TaskTransform(param, p.pixelMap()));
        }
        return transforms;
    }

    @Override
    public void describe(GenerateOptions options, ObjectNode s) {
        s.put("identity_first", options.identityFirst());
        s.put("permutation_draw", "torch.manual_seed(seed), then torch.randperm(pixels) per task (GEM)");
        s.put("permutation_apply", "x.index_select(1, permutation): output pixel i = source pixel permutation[i]");
    }
}
