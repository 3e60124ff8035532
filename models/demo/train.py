#!/usr/bin/env python3
"""Trains the demo malaria-smear model on synthetic captures and writes model.tflite and model.conf.

A demonstration of the pipeline, not a diagnostic model: it has only ever seen images from `edgediag synth`.

    python3 models/demo/train.py            # from the repository root; about 10 minutes on 2 CPU cores

Steps: builds edgediag (release), renders the training, validation and test sets with fixed seeds, trains a
small CNN with fixed seeds, converts it to a full-integer int8 TFLite model (int8 input and output), checks it
with LiteRT's interpreter on the test set (a seed never used in training, plus a stain-shifted site no
training image had), and writes model.tflite, model.conf and test-scores.csv beside this script.
"""
import csv
import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

SEED = 20260101
os.environ["PYTHONHASHSEED"] = str(SEED)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
random.seed(SEED)
np.random.seed(SEED)

import tensorflow as tf  # noqa: E402 (after the seeds)

tf.random.set_seed(SEED)
tf.keras.utils.set_random_seed(SEED)
tf.config.experimental.enable_op_determinism()

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = Path(os.environ.get("DEMO_WORK", "/tmp/edgediag-demo-data"))
SIZE = 96
SITES = 3  # training sites: site-1 … site-3
SETS = {
    # name: (seed, count, extra synth arguments)
    "train": (1001, 8000, ["--sites", str(SITES)]),
    "validation": (1002, 1000, ["--sites", str(SITES)]),
    # Fresh captures from the training sites: the set the ≥ 0.95 targets are measured on.
    "test": (2024, 2000, ["--sites", str(SITES)]),
    # Sites 1-3 plus site-4-hue, a stain batch far outside anything seen in training: the bias check.
    "shifted": (2025, 2000, ["--sites", str(SITES + 1), "--site-shift", "hue"]),
}
THRESHOLD = 0.5
UNCERTAIN_MARGIN = 0.1


def synthesize():
    subprocess.run(["swift", "build", "-c", "release", "--product", "edgediag"], cwd=ROOT, check=True)
    binary = ROOT / ".build" / "release" / "edgediag"
    for name, (seed, count, extra) in SETS.items():
        out = WORK / name
        arguments = ["synth", "--out", str(out), "--count", str(count), "--seed", str(seed),
                     "--size", f"{SIZE}x{SIZE}", *extra]
        stamp = out / "arguments.txt"  # reuse a set only if the same arguments made it
        if stamp.exists() and stamp.read_text() == " ".join(arguments):
            continue
        subprocess.run([str(binary), *arguments], check=True)
        stamp.write_text(" ".join(arguments))


def load(name):
    """Decodes a set's JPEGs (RGB uint8) with its labels (1 = finding) and sites."""
    out = WORK / name
    with (out / "labels.csv").open() as f:
        rows = list(csv.DictReader(f))
    images = np.stack([np.asarray(tf.io.decode_jpeg(tf.io.read_file(str(out / r["file"])), channels=3)) for r in rows])
    labels = np.array([1 if r["label"] == "finding" else 0 for r in rows], dtype=np.int32)
    return images, labels, [r["site"] for r in rows], [r["file"] for r in rows]


def model(batch_size=None):
    """Ops after conversion: CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX (plus
    QUANTIZE at most). The last pooling is a global max: a field holds a finding if any part of it does."""
    layers = tf.keras.layers

    def separable(x, channels):
        x = layers.DepthwiseConv2D(3, padding="same", activation="relu")(x)
        return layers.Conv2D(channels, 1, activation="relu")(x)

    # Real values 0..1 (the card's input_range). A fixed batch size makes every shape static, so the
    # converter emits one RESHAPE instead of SHAPE/STRIDED_SLICE/PACK.
    inputs = tf.keras.Input((SIZE, SIZE, 3), batch_size=batch_size)
    # No batch normalisation: with a global max at the end its batch statistics and moving averages disagree
    # badly early in training, and a network this small trains well without it.
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    x = layers.MaxPooling2D(2)(x)  # 48
    x = separable(x, 32)
    x = layers.MaxPooling2D(2)(x)  # 24
    x = separable(x, 48)
    x = layers.MaxPooling2D(2)(x)  # 12
    x = separable(x, 64)
    x = layers.MaxPooling2D(SIZE // 8)(x)  # global max over the 12×12 field
    x = layers.Reshape((64,))(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return tf.keras.Model(inputs, outputs)


def augment(image, label):
    image = tf.image.random_flip_left_right(image)
    image = tf.image.random_flip_up_down(image)
    image = tf.image.rot90(image, tf.random.uniform([], 0, 4, dtype=tf.int32))
    return image, label


def train(train_set, validation_set):
    x, y = train_set[0], train_set[1]
    data = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=SEED)
            .map(lambda i, l: (tf.cast(i, tf.float32) / 255.0, l)).map(augment).batch(64))
    validation = (tf.data.Dataset.from_tensor_slices((validation_set[0], validation_set[1]))
                  .map(lambda i, l: (tf.cast(i, tf.float32) / 255.0, l)).batch(256))
    net = model()
    epochs = int(os.environ.get("DEMO_EPOCHS", "10"))
    schedule = tf.keras.optimizers.schedules.CosineDecay(2e-3, epochs * ((len(x) + 63) // 64))
    net.compile(optimizer=tf.keras.optimizers.Adam(schedule), loss="sparse_categorical_crossentropy",
                metrics=["accuracy"])
    net.fit(data, validation_data=validation, epochs=epochs, verbose=2)
    return net


def convert(net, train_images):
    def representative():
        for image in train_images[:300]:
            yield [image[None].astype(np.float32) / 255.0]

    deployed = model(batch_size=1)
    deployed.set_weights(net.get_weights())
    converter = tf.lite.TFLiteConverter.from_keras_model(deployed)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    return converter.convert()


def tflite_scores(flatbuffer, images):
    """Finding scores from the int8 model, fed as the daemon feeds it: pixels p → p/255, quantized."""
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    # The reference kernels, without the default delegate (whose node would hide the model's own ops).
    interpreter = Interpreter(
        model_content=flatbuffer, experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    interpreter.allocate_tensors()
    source = interpreter.get_input_details()[0]
    sink = interpreter.get_output_details()[0]
    in_scale, in_zero = source["quantization"]
    out_scale, out_zero = sink["quantization"]
    ops = sorted({op["op_name"] for op in interpreter._get_ops_details()})
    table = np.clip(np.round(np.arange(256) / 255.0 / in_scale) + in_zero, -128, 127).astype(np.int8)
    scores = []
    for image in images:
        interpreter.set_tensor(source["index"], table[image][None])
        interpreter.invoke()
        scores.append((interpreter.get_tensor(sink["index"])[0].astype(np.float32) - out_zero) * out_scale)
    return np.array(scores)[:, 1], ops


def metrics(labels, scores):
    called = scores >= THRESHOLD - UNCERTAIN_MARGIN  # uncertain counts as a positive call, as in `evaluate`
    tp = int(np.sum(called & (labels == 1)))
    tn = int(np.sum(~called & (labels == 0)))
    return {"count": int(len(labels)), "sensitivity": tp / max(1, int(np.sum(labels == 1))),
            "specificity": tn / max(1, int(np.sum(labels == 0)))}


def write_card(flatbuffer):
    digest = hashlib.sha256(flatbuffer).hexdigest()
    (HERE / "model.conf").write_text(f"""\
# Model card of the demo model. Written by models/demo/train.py; see models/demo/README.md.
[model]
name = demo-malaria-smear
version = 1.0.0
file = model.tflite
sha256 = {digest}
intended_use = Demonstration only: trained and tested on synthetic thin-smear images from `edgediag synth`, never on real patients' slides. Not for diagnosis.
input_range = 0..1
crop = center-crop
colour = rgb

[labels]
names = negative, ring_stage
findings = ring_stage

[thresholds]
ring_stage = {THRESHOLD}

[policy]
uncertain_margin = {UNCERTAIN_MARGIN}

# The input gate: captures the model must not judge are rejected before it runs. These are the defaults; `off`
# turns a check off. The demo images are 96x96 smears with a luma standard deviation far above 2.
[gate]
min_width = 16
min_height = 16
max_aspect_ratio = 10
min_luma_stddev = 2
""")


def main():
    synthesize()
    train_set = load("train")
    validation_set = load("validation")
    net = train(train_set, validation_set)
    flatbuffer = convert(net, train_set[0])
    (HERE / "model.tflite").write_bytes(flatbuffer)
    write_card(flatbuffer)

    summary = {"bytes": len(flatbuffer)}
    for name in ("test", "shifted"):
        images, labels, sites, files = load(name)
        scores, summary["ops"] = tflite_scores(flatbuffer, images)
        with (HERE / f"{name}-scores.csv").open("w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["file", "label", "site", "score"])
            for file, label, site, score in zip(files, labels, sites, scores):
                writer.writerow([file, "finding" if label else "negative", site, f"{score:.6f}"])
        summary[name] = metrics(labels, scores)
        for site in sorted(set(sites)):
            chosen = np.array([s == site for s in sites])
            summary[f"{name} {site}"] = metrics(labels[chosen], scores[chosen])
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
