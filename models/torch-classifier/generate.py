#!/usr/bin/env python3
"""Writes the NCHW classifier that tests `input_layout = nchw` end to end, as a PyTorch user would make it:
a tiny CNN (random initialisation, seeded; batch norms recalibrated so activations stay in range) converted
by litert-torch's PT2E int8 path, the path of `models/architectures/generate_torch.py`. Its input is int8
[1, 3, 24, 32] (NCHW, height 24, width 32: not square, so a swapped height and width shows).

Writes, beside this script:
- model.tflite and model.conf (its card: input_range -1..1, stretch, rgb, input_layout nchw, scores logits:
  the model outputs int8 logits, and thresholds are probabilities);
- capture.jpg: a seeded 32x24 RGB JPEG (4:4:4, quality 95), already the model's size, so preprocessing is
  decoding alone;
- capture.input.npy: the int8 NCHW tensor the card describes, computed here from PIL's decoding of
  capture.jpg (libjpeg's accurate integer IDCT, as edgediag decodes) and the card's quantization formula;
- capture.output.npy: LiteRT's reference kernels (BUILTIN_REF) on that input, the golden scores.

`python3 models/torch-classifier/generate.py softmax` writes the same network ending in a softmax, as most
PyTorch classifiers do, beside those files and leaving them as they are: the PT2E quantizer leaves its SOFTMAX
in float32, so the model's output is float32 class probabilities. softmax.tflite, softmax.conf (file =
softmax.tflite), softmax.input.npy and softmax.output.npy, for the same capture.jpg.

`python3 models/torch-classifier/generate.py per-channel-input` writes per_channel_input.tflite and
per_channel_input.conf: model.tflite with its input tensor's quantization rewritten to one scale per channel
(dimension 1), a model edgediag must refuse at load, naming the tensor (captures are quantized per tensor).

    pip install torch litert-torch ai-edge-litert pillow
    python3 models/torch-classifier/generate.py [softmax | per-channel-input]
"""

import hashlib
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402
from torch import nn  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 20261204
SHAPE = (1, 3, 24, 32)
INPUT_RANGE = (-1.0, 1.0)


class TinyClassifier(nn.Module):
    def __init__(self, classes=2, softmax=False):
        super().__init__()
        self.softmax = softmax
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        )
        self.head = nn.Linear(16, classes)

    def forward(self, x):
        # The base model outputs int8 logits; the softmax variant's SOFTMAX stays float32 after PT2E.
        logits = self.head(self.features(x).mean((2, 3)))
        return torch.softmax(logits, dim=1) if self.softmax else logits


def convert(rng, softmax=False):
    import litert_torch
    from litert_torch.quantize import pt2e_quantizer, quant_config
    from torchao.quantization.pt2e import quantize_pt2e

    torch.manual_seed(int(rng.integers(2**31)))
    model = TinyClassifier(softmax=softmax).eval()
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    model.train()
    with torch.no_grad():
        model(batch(rng, 16))
    model.eval()
    sample = (batch(rng, 1),)
    exported = torch.export.export(model, sample).module()
    quantizer = pt2e_quantizer.PT2EQuantizer().set_global(
        pt2e_quantizer.get_symmetric_quantization_config(is_per_channel=True)
    )
    prepared = quantize_pt2e.prepare_pt2e(exported, quantizer)
    with torch.no_grad():
        for _ in range(32):
            prepared(batch(rng, 1))
    quantized = quantize_pt2e.convert_pt2e(prepared, fold_quantize=False)
    edge = litert_torch.convert(quantized, sample, quant_config=quant_config.QuantConfig(pt2e_quantizer=quantizer))
    return edge.model_content()


def picture(rng):
    """A smooth seeded RGB picture (gradients and a few blobs): JPEG keeps it close, and the planes differ."""
    height, width = SHAPE[2], SHAPE[3]
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    planes = []
    for _ in range(3):
        plane = rng.uniform(40, 200) + rng.uniform(-3, 3) * x + rng.uniform(-3, 3) * y
        for _ in range(3):
            cy, cx, r = rng.uniform(0, height), rng.uniform(0, width), rng.uniform(3, 8)
            plane += rng.uniform(-80, 80) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * r * r))
        planes.append(plane)
    return np.clip(np.stack(planes, -1), 0, 255).round().astype(np.uint8)


def batch(rng, count):
    """`count` pictures as the model sees them: NCHW, scaled to the input range."""
    lower, upper = INPUT_RANGE
    pictures = np.stack([picture(rng) for _ in range(count)]).astype(np.float32) / 255 * (upper - lower) + lower
    return torch.from_numpy(pictures.transpose(0, 3, 1, 2).copy())


def quantize_nchw(rgb, scale, zero_point):
    """The card's formula in float32 (r = p * factor + offset, then r / scale), rounded half away from zero."""
    lower, upper = np.float32(INPUT_RANGE[0]), np.float32(INPUT_RANGE[1])
    factor = (upper - lower) / np.float32(255)
    real = rgb.astype(np.float32) * factor + lower
    scaled = (real / np.float32(scale)).astype(np.float64)
    q = np.sign(scaled) * np.floor(np.abs(scaled) + 0.5) + zero_point
    return np.clip(q, -128, 127).astype(np.int8).transpose(2, 0, 1)[np.newaxis]


CARD = """# Model card of the NCHW test classifier{variant}. Written by models/torch-classifier/generate.py.
[model]
name = torch-classifier{suffix}
version = 1
file = {file}
sha256 = {sha256}
intended_use = Tests only: random weights.
input_range = {lower:g}..{upper:g}
crop = stretch
colour = rgb
input_layout = nchw
{scores}
[labels]
names = normal, lesion
findings = lesion

[thresholds]
lesion = 0.5

[policy]
uncertain_margin = 0.1
"""


def write_card(name, flatbuffer, variant, suffix, scores):
    """Writes card `name` for model file `name`.tflite (`flatbuffer`)."""
    (HERE / f"{name}.conf").write_text(
        CARD.format(
            variant=variant,
            suffix=suffix,
            file=f"{name}.tflite",
            sha256=hashlib.sha256(flatbuffer).hexdigest(),
            scores=scores,
            lower=INPUT_RANGE[0],
            upper=INPUT_RANGE[1],
        )
    )


def per_channel_input():
    """model.tflite with its NCHW input quantized per channel: scales s, 1.5 s, 2 s along dimension 1."""
    import flatbuffers
    from tensorflow.lite.python import schema_py_generated as schema

    buffer = (HERE / "model.tflite").read_bytes()
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(buffer, 0))
    graph = model.subgraphs[0]
    quantization = graph.tensors[graph.inputs[0]].quantization
    scale = float(quantization.scale[0])
    quantization.scale = [scale, scale * 1.5, scale * 2]
    quantization.zeroPoint = [0, 0, 0]
    quantization.quantizedDimension = 1
    builder = flatbuffers.Builder(len(buffer))
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    flatbuffer = bytes(builder.Output())
    (HERE / "per_channel_input.tflite").write_bytes(flatbuffer)
    write_card("per_channel_input", flatbuffer, " with its input quantized per channel", "-per-channel-input",
               "scores = logits\n")
    print(f"per_channel_input.tflite: {len(flatbuffer)} bytes; input scales {quantization.scale}")


def main():
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    if sys.argv[1:] == ["per-channel-input"]:
        return per_channel_input()
    softmax = sys.argv[1:] == ["softmax"]
    if sys.argv[1:] and not softmax:
        sys.exit("usage: generate.py [softmax | per-channel-input]")
    # The variant has a seed of its own, so writing it leaves the base model's files as they are.
    rng = np.random.default_rng(SEED + 1 if softmax else SEED)
    flatbuffer = convert(rng, softmax=softmax)
    model, input_npy, output_npy = (
        ("softmax.tflite", "softmax.input.npy", "softmax.output.npy")
        if softmax
        else ("model.tflite", "capture.input.npy", "capture.output.npy")
    )
    (HERE / model).write_bytes(flatbuffer)
    # The base model outputs logits: thresholds are probabilities, so its card says so.
    write_card(Path(model).stem, flatbuffer, " ending in a float32 softmax" if softmax else "",
               "-softmax" if softmax else "", "" if softmax else "scores = logits\n")
    capture = HERE / "capture.jpg"
    if not softmax:
        Image.fromarray(picture(rng), "RGB").save(capture, quality=95, subsampling=0)
    rgb = np.asarray(Image.open(capture).convert("RGB"))
    interpreter = Interpreter(model_path=str(HERE / model), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    (detail,) = interpreter.get_input_details()
    assert list(detail["shape"]) == list(SHAPE) and detail["dtype"] == np.int8, detail
    scale, zero_point = detail["quantization"]
    value = quantize_nchw(rgb, scale, zero_point)
    interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    (output_detail,) = interpreter.get_output_details()
    assert output_detail["dtype"] == (np.float32 if softmax else np.int8), output_detail
    output = interpreter.get_tensor(output_detail["index"])
    np.save(HERE / input_npy, value)
    np.save(HERE / output_npy, output)
    print(f"{model}: {len(flatbuffer)} bytes; input scale {scale} zero point {zero_point}; "
          f"output {output.dtype}{list(output.shape)} {output.tolist()}")


if __name__ == "__main__":
    main()
