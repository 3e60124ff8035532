#!/usr/bin/env python3
"""Converts PyTorch architectures to int8 TFLite the way a PyTorch user does: litert-torch's PT2E path
(its PT2EQuantizer with `get_symmetric_quantization_config(is_per_channel=True)`, calibrated on seeded data),
and writes for each NAME.tflite, NAME.input.npy (a seeded float32 input) and NAME.output.npy (the output of
LiteRT's reference kernels, BUILTIN_REF: the golden edgediag must match). Then prints each model's operator
inventory: every operator with its version, input -> output tensor types and count, marked where edgediag
does not implement it yet.

Models (random initialisation, seeded; batch-norm statistics recalibrated on a seeded batch so activations
stay in range; small NCHW inputs): torchvision resnet18, mobilenet_v3_small, efficientnet_b0, densenet121, a
small U-Net with transposed convolutions, a two-block ViT, and MONAI's BasicUNet when `monai` is installed.

Run by developers, not CI (the models are megabytes, so they are not committed):

    pip install torch torchvision litert-torch monai
    python3 models/architectures/generate_torch.py [NAME…] [--out DIR] [--edgediag BINARY]

Writes into build/architectures/torch/ unless --out says otherwise. With --edgediag, also loads each model
with `BINARY model inspect` and prints what it says. Tests (TorchArchitectureTests) compare edgediag's output
with the goldens when the folder exists.
"""

import argparse
import os
import subprocess
import sys
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPOSITORY / "build" / "architectures" / "torch"
SEED = 20251204
CALIBRATION_BATCHES = 4

# Operators edgediag implements, by the type of their first input (update with the kernels). QUANTIZE and
# DEQUANTIZE are listed by their input type too.
SUPPORTED = {
    "int8": {
        "ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "DEQUANTIZE",
        "FULLY_CONNECTED", "LOGISTIC", "MAX_POOL_2D", "MUL", "RESHAPE", "SOFTMAX", "PAD", "SUB", "SQUEEZE",
        "MEAN", "QUANTIZE", "HARD_SWISH", "TRANSPOSE", "PADV2", "SLICE", "GELU", "BATCH_MATMUL", "TRANSPOSE_CONV",
        "MIRROR_PAD", "LEAKY_RELU", "PRELU", "RELU", "RELU6", "TANH", "SPLIT", "SPLIT_V", "UNPACK", "PACK",
        "RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR", "SQUARED_DIFFERENCE", "RSQRT", "MAXIMUM", "MINIMUM", "SUM",
        "REDUCE_MAX", "REDUCE_MIN", "STRIDED_SLICE", "GATHER",
    },
    "float32": {
        "QUANTIZE", "RESHAPE", "SQUEEZE", "ADD", "SUB", "MUL", "DIV", "SQUARED_DIFFERENCE", "LOGISTIC", "TANH",
        "RELU", "RELU6", "RELU_N1_TO_1", "HARD_SWISH", "RSQRT", "MEAN", "SOFTMAX", "FULLY_CONNECTED",
        "BATCH_MATMUL", "TRANSPOSE", "SLICE", "SPLIT", "SPLIT_V", "UNPACK", "MIRROR_PAD", "LEAKY_RELU",
        "TRANSPOSE_CONV",
    },
}


def seeded(name):
    return [SEED, zlib.crc32(name.encode())]


# --- Architectures -------------------------------------------------------------------------------------------


def import_torchvision():
    """PyPI's torchvision cannot register its detection operators (nms, roi_align) with a CPU-only torch, and
    fails at import; classification needs none of them, so their registration module is left out."""
    import types

    sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))
    import torchvision

    return torchvision


def torchvision_model(constructor, classes=10):
    def build():
        return getattr(import_torchvision().models, constructor)(weights=None, num_classes=classes)

    return build


class DoubleConv(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        )


class SmallUNet(nn.Module):
    """Two-level U-Net on one-channel images: max-pool down, transposed convolution up, skip concatenations,
    and a per-pixel softmax over the classes (a segmentation head with a float32 output)."""

    def __init__(self, channels=1, classes=3, width=8):
        super().__init__()
        self.down1 = DoubleConv(channels, width)
        self.down2 = DoubleConv(width, 2 * width)
        self.bottom = DoubleConv(2 * width, 4 * width)
        self.up2 = nn.ConvTranspose2d(4 * width, 2 * width, 2, stride=2)
        self.merge2 = DoubleConv(4 * width, 2 * width)
        self.up1 = nn.ConvTranspose2d(2 * width, width, 2, stride=2)
        self.merge1 = DoubleConv(2 * width, width)
        self.head = nn.Conv2d(width, classes, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(nn.functional.max_pool2d(d1, 2))
        b = self.bottom(nn.functional.max_pool2d(d2, 2))
        u2 = self.merge2(torch.cat([self.up2(b), d2], 1))
        u1 = self.merge1(torch.cat([self.up1(u2), d1], 1))
        return torch.softmax(self.head(u1), 1)


class TinyViT(nn.Module):
    """Patch embedding, two pre-norm transformer blocks (multi-head attention written out with matmuls,
    LayerNorm, GELU MLP), mean over tokens, linear head."""

    def __init__(self, size=32, patch=8, dim=32, heads=2, blocks=2, classes=10):
        super().__init__()
        self.embed = nn.Conv2d(3, dim, patch, stride=patch)
        self.position = nn.Parameter(torch.randn(1, (size // patch) ** 2, dim) * 0.1)
        self.blocks = nn.ModuleList(TransformerBlock(dim, heads) for _ in range(blocks))
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.embed(x).flatten(2).transpose(1, 2) + self.position
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x).mean(1))


class TransformerBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.project = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x):
        batch, tokens, dim = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(batch, tokens, 3, self.heads, dim // self.heads).unbind(2)
        q, k, v = (t.transpose(1, 2) for t in (q, k, v))
        attention = torch.softmax(q @ k.transpose(-1, -2) * (dim // self.heads) ** -0.5, -1)
        x = x + self.project((attention @ v).transpose(1, 2).reshape(batch, tokens, dim))
        return x + self.mlp(self.norm2(x))


def monai_basic_unet():
    from monai.networks.nets import BasicUNet

    return BasicUNet(spatial_dims=2, in_channels=1, out_channels=2, features=(8, 8, 16, 32, 64, 8))


# name -> (constructor, input shape NCHW)
MODELS = {
    "resnet18": (torchvision_model("resnet18"), (1, 3, 64, 64)),
    "mobilenet_v3_small": (torchvision_model("mobilenet_v3_small"), (1, 3, 64, 64)),
    "efficientnet_b0": (torchvision_model("efficientnet_b0"), (1, 3, 64, 64)),
    "densenet121": (torchvision_model("densenet121"), (1, 3, 64, 64)),
    "unet_small": (SmallUNet, (1, 1, 64, 64)),
    "vit_tiny": (TinyViT, (1, 3, 32, 32)),
    "monai_basic_unet": (monai_basic_unet, (1, 1, 32, 32)),
}


# --- Conversion ----------------------------------------------------------------------------------------------


def recalibrate_batch_norms(model, batch):
    """Sets every batch norm's running statistics to those of `batch` (a cumulative average over one pass in
    training mode), so that random weights give activations of unit scale instead of decaying or exploding."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    model.train()
    with torch.no_grad():
        model(batch)
    model.eval()


def convert(name):
    import litert_torch
    from litert_torch.quantize import pt2e_quantizer, quant_config
    from torchao.quantization.pt2e import quantize_pt2e

    build, shape = MODELS[name]
    rng = np.random.default_rng(seeded(name))
    torch.manual_seed(int(rng.integers(2**31)))
    model = build().eval()
    batch = torch.from_numpy(rng.normal(0.0, 1.0, (8,) + shape[1:]).astype(np.float32))
    recalibrate_batch_norms(model, batch)
    sample = (torch.from_numpy(rng.normal(0.0, 1.0, shape).astype(np.float32)),)
    exported = torch.export.export(model, sample).module()
    quantizer = pt2e_quantizer.PT2EQuantizer().set_global(
        pt2e_quantizer.get_symmetric_quantization_config(is_per_channel=True)
    )
    prepared = quantize_pt2e.prepare_pt2e(exported, quantizer)
    with torch.no_grad():
        for _ in range(CALIBRATION_BATCHES):
            prepared(torch.from_numpy(rng.normal(0.0, 1.0, shape).astype(np.float32)))
    quantized = quantize_pt2e.convert_pt2e(prepared, fold_quantize=False)
    edge = litert_torch.convert(
        quantized, sample, quant_config=quant_config.QuantConfig(pt2e_quantizer=quantizer)
    )
    return edge.model_content()


def golden(name, path):
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    interpreter = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    (detail,) = interpreter.get_input_details()
    rng = np.random.default_rng(seeded(name) + [1])
    if detail["dtype"] == np.float32:
        value = rng.normal(0.0, 1.0, detail["shape"]).astype(np.float32)
    else:
        value = rng.integers(-128, 128, detail["shape"], dtype=np.int8)
    interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    return value, interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


# --- Inventory -----------------------------------------------------------------------------------------------

TYPE_NAMES = {0: "float32", 2: "int32", 3: "uint8", 4: "int64", 6: "bool", 7: "int16", 9: "int8", 10: "float64"}


def inventory(flatbuffer):
    """(name, version, input types, output types) -> count, in order of first appearance."""
    from tensorflow.lite.python import schema_py_generated as schema

    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(flatbuffer, 0))
    names = {value: key for key, value in vars(schema.BuiltinOperator).items() if not key.startswith("_")}
    graph = model.subgraphs[0]

    def types(indices):
        """`int8/int8/int32`; four or more equal types as `int8 x4+`, so CONCATENATIONs share one row."""
        names = [TYPE_NAMES.get(graph.tensors[i].type, str(graph.tensors[i].type)) if i >= 0 else "-" for i in indices]
        if len(names) > 3 and len(set(names)) == 1:
            return f"{names[0]} x4+"
        return "/".join(names)

    counts = {}
    for op in graph.operators:
        code = model.operatorCodes[op.opcodeIndex]
        builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
        key = (names.get(builtin, str(builtin)), code.version, types(op.inputs), types(op.outputs))
        counts[key] = counts.get(key, 0) + 1
    return counts


def first_type(types):
    return types.split("/")[0].split(" ")[0]


def supported(key):
    name, _, inputs, _ = key
    return name in SUPPORTED.get(first_type(inputs), set())


def print_inventory(name, counts):
    missing = sorted({f"{key[0]} ({first_type(key[2])})" for key in counts if not supported(key)})
    print(f"\n{name}: {sum(counts.values())} operators; edgediag lacks: {', '.join(missing) or 'nothing'}")
    print(f"  {'operator':<22} {'v':>2}  {'count':>5}  {'inputs -> outputs':<46} edgediag")
    for key, count in counts.items():
        operator, version, inputs, outputs = key
        mark = "yes" if supported(key) else "MISSING"
        print(f"  {operator:<22} {version:>2}  {count:>5}  {inputs + ' -> ' + outputs:<46} {mark}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"models to convert (default: all of {', '.join(MODELS)})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--edgediag", help="an edgediag binary: run `model inspect` on each converted model")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name in arguments.names or MODELS:
        if name not in MODELS:
            sys.exit(f"unknown model {name}; known: {', '.join(MODELS)}")
        try:
            flatbuffer = convert(name)
        except ImportError as error:
            print(f"\n{name}: skipped ({error})")
            continue
        path = arguments.out / f"{name}.tflite"
        path.write_bytes(flatbuffer)
        value, output = golden(name, path)
        np.save(arguments.out / f"{name}.input.npy", value)
        np.save(arguments.out / f"{name}.output.npy", output)
        print(f"\n{name}: {len(flatbuffer)} bytes, input {value.dtype}{list(value.shape)}, "
              f"output {output.dtype}{list(output.shape)}")
        print_inventory(name, inventory(flatbuffer))
        if arguments.edgediag:
            result = subprocess.run([arguments.edgediag, "model", "inspect", str(path)], capture_output=True, text=True)
            print("  edgediag: " + (result.stderr.strip() or "loads"))


if __name__ == "__main__":
    main()
