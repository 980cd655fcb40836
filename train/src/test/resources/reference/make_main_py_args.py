#!/usr/bin/env python3
"""Fixture maker: what MER's main.py holds in vars(args) for a set of command lines.

Runs the argument section of mattriemer/MER's main.py (its argparse parser and the conversions
that follow it, up to the uuid line), unchanged, on each command line below, and writes one
line per command line to main_py_args.tsv: the command line, a tab, str(vars(args)).

Usage: python3 make_main_py_args.py /path/to/a/checkout/of/mattriemer/MER
"""
import sys

lines = [
    "--model online",
    "--model taskinput",
    "--model taskinput --n_layers 3",
    "--model independent --finetune no --n_hiddens 400",
    "--model ewc --n_memories 10 --memory_strength 100.0 --lr 0.001",
    "--model gem --n_memories 256 --memory_strength 1 --lr 0.01 --cuda yes",
    "--model eralg4 --memories 5120 --replay_batch_size 25 --lr 0.1",
    "--model eralg5 --memories 500 --replay_batch_size 100 --lr 0.03",
    "--model meralg1 --lr 0.03 --beta 0.03 --gamma 1.0 --memories 5120 --replay_batch_size 100 --batches_per_example 10",
    "--model meralg6 --lr 0.03 --gamma 0.1 --memories 5120 --replay_batch_size 100 --batches_per_example 2",
    "--model meralg7 --lr 0.03 --gamma 0.03 --memories 5120 --replay_batch_size 100 --s 5",
    "--n_layers 2 --n_hiddens 100 --data_path data/ --save_path results/ --batch_size 1 --log_every 100"
    " --samples_per_task 1000 --data_file mnist_rotations.pt --cuda no --seed 3 --model meralg1 --lr 0.1"
    " --beta 0.01 --gamma 1.0 --memories 200 --replay_batch_size 10 --batches_per_example 5",
    "--model online --lr 1e-4 --seed 12345678901 --shuffle_tasks yes --samples_per_task -1 --n_epochs 2",
    "--model online --memory_strength 0 --lr 3e-4 --s 0.5 --replay_batch_size 1e1",
]

source = open(sys.argv[1] + "/main.py").read()
start = source.index("    parser = argparse.ArgumentParser")
end = source.index("    # unique identifier")
block = "\n".join(l[4:] for l in source[start:end].splitlines())

with open("main_py_args.tsv", "w") as out:
    for line in lines:
        sys.argv = ["main.py"] + line.split()
        scope = {"argparse": __import__("argparse")}
        exec(block, scope)
        out.write(line + "\t" + str(vars(scope["args"])) + "\n")
