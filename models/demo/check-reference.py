#!/usr/bin/env python3
"""Checks that edgediag computes exactly what LiteRT's reference kernels compute for the demo model, on a whole
evaluation set of synthetic captures: same int8 output bytes, hence the same top label.

Both runtimes get the very same int8 input tensor: `edgediag classify --save-tensors` writes, for each capture,
the input it fed the model (after its own decoding, preprocessing and quantization) and the raw int8 output;
this script runs LiteRT's BUILTIN_REF interpreter on each saved input and compares the outputs byte for byte.

Usage: models/demo/check-reference.py [--edgediag PATH] [--count N] [--seed S]
Needs `pip install ai-edge-litert numpy` (developers' tooling, not CI). Default binary: .build/release/edgediag,
else .build/debug/edgediag. The seed (default 4242) is not one the training script uses.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
from ai_edge_litert.interpreter import Interpreter, OpResolverType

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
parser = argparse.ArgumentParser()
parser.add_argument("--edgediag")
parser.add_argument("--count", type=int, default=500)
parser.add_argument("--seed", type=int, default=4242)
args = parser.parse_args()
edgediag = args.edgediag or next(
    p for p in (os.path.join(root, ".build/release/edgediag"), os.path.join(root, ".build/debug/edgediag"))
    if os.path.exists(p))

with tempfile.TemporaryDirectory() as work:
    captures, tensors = os.path.join(work, "captures"), os.path.join(work, "tensors")
    os.makedirs(tensors)
    subprocess.run([edgediag, "synth", "--out", captures, "--count", str(args.count), "--seed", str(args.seed),
                    "--size", "256x256", "--sites", "3"], check=True, stdout=subprocess.DEVNULL)
    config = os.path.join(work, "edgediag.conf")
    with open(config, "w") as f:
        f.write(f"[model]\ncard = {root}/models/demo/model.conf\n")
    files = sorted(glob.glob(os.path.join(captures, "*.jpg")))
    subprocess.run([edgediag, "classify", "--config", config, "--save-tensors", tensors, *files], check=True,
                   stdout=subprocess.DEVNULL)

    reference = Interpreter(model_path=os.path.join(root, "models/demo/model.tflite"),
                            experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    reference.allocate_tensors()
    input_index = reference.get_input_details()[0]["index"]
    output_index = reference.get_output_details()[0]["index"]
    identical = same_label = 0
    for file in files:
        name = os.path.join(tensors, os.path.basename(file))
        ours = np.load(name + ".output.npy")
        reference.set_tensor(input_index, np.load(name + ".input.npy"))
        reference.invoke()
        theirs = reference.get_tensor(output_index)
        identical += int(np.array_equal(ours, theirs))
        same_label += int(np.argmax(ours) == np.argmax(theirs))
    print(f"{len(files)} captures (seed {args.seed}): int8 outputs identical for {identical}, "
          f"top label identical for {same_label}")
    sys.exit(0 if identical == len(files) else 1)
