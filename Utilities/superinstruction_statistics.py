"""Reads the statistics of a corpus run (superinstruction-statistics.sh: one file per program,
kernels named kernel-*) and prints the pairs or triples of operations by their score: the share
of executed operations averaged over the corpus, each real program weighing one and the
kernels together one. Every run SUPERINSTRUCTIONS lists scores at least 0.45 or takes at least
5 % of one program's operations (its comment says which qualifying runs are left out); the last
column shows which runs have a superinstruction (listed, or a move into a branch)."""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from generate import superinstruction_pairs  # noqa: E402

SECTIONS = {"top operations:": "operations", "top pairs:": "pairs", "top triples:": "triples"}


def read(path):
    shares, section = {"operations": {}, "pairs": {}, "triples": {}}, None
    for line in open(path):
        section = SECTIONS.get(line.strip(), section)
        if section and (match := re.match(r"\s+([\d.]+)%\s+(.+)$", line)):
            shares[section][match[2].strip()] = float(match[1])
    return shares


def main(directory, kind, rows):
    programs = {os.path.basename(p)[:-4]: read(p)[kind] for p in sorted(glob.glob(f"{directory}/*.txt"))}
    real = [p for p in programs if not p.startswith("kernel-")]
    kernels = [p for p in programs if p.startswith("kernel-")]

    def score(run):
        kernel_mean = sum(programs[p].get(run, 0) for p in kernels) / max(len(kernels), 1)
        return (sum(programs[p].get(run, 0) for p in real) + kernel_mean) / (len(real) + 1)

    # Every run a superinstruction handler exists for (SUPERINSTRUCTIONS, moves into branches).
    listed = {" -> ".join(first.split("__") + [second]) for first, second in superinstruction_pairs()}
    runs = set().union(*(shares.keys() for shares in programs.values()))
    names = real + kernels
    print("score " + " ".join(f"{name.replace('kernel-', 'k-')[:9]:>9}" for name in names) + "  listed  run")
    for run in sorted(runs, key=score, reverse=True)[:rows]:
        cells = " ".join(f"{programs[p].get(run, 0):9.2f}" for p in names)
        print(f"{score(run):5.2f} {cells}  {'yes' if run in listed else '   '}     {run}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
