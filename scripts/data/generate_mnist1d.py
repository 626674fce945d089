#!/usr/bin/env python3
"""Generates the MNIST-1D data set (Greydanus 2020) into data/mnist1d/, offline.

Usage: scripts/data/generate_mnist1d.py OUT_DIR (not named mnist1d.py: that would shadow the package)

Calls mnist1d.data.make_dataset with the package's default arguments
(mnist1d.data.get_dataset_args(); nothing is downloaded: make_dataset builds the set from its
templates and seed) and writes four NumPy files, each little-endian float64 ('<f8', the one dtype
the core's NPYFile reads), version 1.0, C order:

- x_train.npy (4000, 40), y_train.npy (4000,): the first 80 % of the generated rows;
- x_test.npy (1000, 40), y_test.npy (1000,): the last 20 %.

The labels 0-9 are stored as float64 integers. Prints every argument, the package and numpy/scipy
versions and the sha256 of each file. Refuses to run with arguments other than the defaults
recorded below, so a change of the package's defaults is noticed.
"""
import hashlib
import os
import sys
from importlib.metadata import version

import numpy as np
import scipy
from mnist1d.data import get_dataset_args, make_dataset

EXPECTED_ARGS = {
    "num_samples": 5000,
    "train_split": 0.8,
    "template_len": 12,
    "padding": [36, 60],
    "scale_coeff": 0.4,
    "max_translation": 48,
    "corr_noise_scale": 0.25,
    "iid_noise_scale": 2e-2,
    "shear_scale": 0.75,
    "shuffle_seq": False,
    "final_seq_length": 40,
    "seed": 42,
    "url": "https://github.com/greydanus/mnist1d/raw/master/mnist1d_data.pkl",
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    args = get_dataset_args()
    if vars(args) != EXPECTED_ARGS:
        sys.exit(f"mnist1d's default arguments changed: {vars(args)}")
    data = make_dataset(args)
    arrays = {
        "x_train": data["x"],
        "y_train": data["y"],
        "x_test": data["x_test"],
        "y_test": data["y_test"],
    }
    shapes = {"x_train": (4000, 40), "y_train": (4000,), "x_test": (1000, 40), "y_test": (1000,)}
    os.makedirs(out, exist_ok=True)
    print(f"mnist1d {version('mnist1d')}, numpy {np.__version__}, scipy {scipy.__version__}")
    for name, value in vars(args).items():
        print(f"  {name} = {value!r}")
    for name, array in arrays.items():
        array = np.ascontiguousarray(array, dtype="<f8")
        assert array.shape == shapes[name], (name, array.shape)
        if name.startswith("y"):
            assert set(np.unique(array)) <= set(range(10)), name
        path = os.path.join(out, name + ".npy")
        np.save(path, array, allow_pickle=False)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        print(f"{name}.npy {array.shape} sha256 {digest}")


if __name__ == "__main__":
    main()
