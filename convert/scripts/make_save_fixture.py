#!/usr/bin/python3
"""Makes main_result.pt, the fixture of mer-convert's TorchSaveTest: what torch.save writes for a
result tuple shaped like the one MER's and GEM's main.py save at the end of a run,

    torch.save((result_t, result_a, model.state_dict(), stats, one_liner, args), fname + '.pt')

with deterministic values that the Java test rebuilds exactly: result_t float32 [5], result_a
float32 [5, 3] (k/16), the state_dict of a module shaped like MER's Net (an MLP 4-3-2 as
net.net.{0,1,2} and a CrossEntropyLoss as bce) with weights (k - 5)/8, stats a list of three 0-d
float32 tensors (what metrics.confusion_matrix returns: fin.mean(), bwt.mean(), fwt.mean()),
one_liner a str and args an argparse.Namespace with main.py's flags in main.py's order and with the
types main.py leaves them (a float flag whose default is an int literal stays an int). Run with
Debian's torch (python3-torch 1.13):

    /usr/bin/python3 convert/scripts/make_save_fixture.py convert/src/test/resources/fixtures

The output is byte-for-byte reproducible (no pointers, no timestamps, no random values).
"""
import argparse
import os
import sys

import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "."


class MLP(torch.nn.Module):
    def __init__(self, sizes):
        super().__init__()
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(torch.nn.ReLU())
        self.net = torch.nn.Sequential(*layers)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = MLP([4, 3, 2])
        self.bce = torch.nn.CrossEntropyLoss()


def main():
    model = Net()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(((torch.arange(p.numel(), dtype=torch.float32) - 5) / 8).reshape(p.shape))
    result_t = torch.Tensor([0, 0, 1, 1, 2])
    result_a = torch.arange(15, dtype=torch.float32).reshape(5, 3) / 16
    stats = [torch.tensor(0.5), torch.tensor(-0.125), torch.tensor(0.0625)]
    args = argparse.Namespace(
        model="meralg1", n_hiddens=100, n_layers=2, finetune=True, n_epochs=1, batch_size=1, lr=0.03,
        n_memories=0, memory_strength=0, memories=5120, gamma=1.0, batches_per_example=1, s=1,
        replay_batch_size=20, beta=0.03, cuda=False, seed=0, log_every=100, save_path="results/",
        data_path="data/", data_file="mnist_rotations.pt", samples_per_task=-1, shuffle_tasks="no")
    one_liner = str(vars(args)) + " # " + " ".join("%.3f" % s for s in stats)
    path = os.path.join(OUT, "main_result.pt")
    torch.save((result_t, result_a, model.state_dict(), stats, one_liner, args), path)
    print(path, torch.__version__)
    print(one_liner)


if __name__ == "__main__":
    main()
