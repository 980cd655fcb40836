#!/usr/bin/env python3
"""Fixture maker: the names and shapes of each MER model's state_dict().

Builds every model of mattriemer/MER's model/ directory with its own code (Debian's python3-torch;
gem.py imports quadprog, which building the model never calls, so a stub module stands in for it)
for 16 inputs, 10 classes and 3 tasks with 12 hidden units, and writes state_dicts.json:
{"model": [[name, [shape...]], ...]} in state_dict() order.

Usage: python3 make_state_dicts.py /path/to/a/checkout/of/mattriemer/MER
"""
import argparse
import importlib
import json
import os
import sys
import tempfile
import types

sys.modules["quadprog"] = types.ModuleType("quadprog")  # only gem's observe() calls it
sys.path.insert(0, sys.argv[1])

out = {}
for model in ["online", "independent", "taskinput", "ewc", "gem", "eralg4", "eralg5", "meralg1", "meralg6", "meralg7"]:
    for layers in [2, 1]:
        args = argparse.Namespace(model=model, n_hiddens=12, n_layers=layers - (model == "taskinput"), finetune=True,
                                  n_epochs=1, batch_size=1, lr=0.01, n_memories=4, memory_strength=0.5, memories=8,
                                  gamma=1.0, batches_per_example=1, s=1, replay_batch_size=2, beta=1.0, cuda=False,
                                  seed=0, log_every=100, save_path="results/", data_path="data/",
                                  data_file="mnist_rotations.pt", samples_per_task=-1, shuffle_tasks="no")
        net = importlib.import_module("model." + model).Net(16, 10, 3, args)
        out[model + "/n_layers=" + str(layers)] = [[k, list(v.shape)] for k, v in net.state_dict().items()]

with open("state_dicts.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
