#!/usr/bin/env python3
"""Generates edgediag's model suite: small full-integer int8 TFLite models, one per operator edge case, plus
two randomly initialised MobileNetV2s and a tiny two-class classifier, each with a seeded random input and the
output of LiteRT's reference kernels (the golden that edgediag's kernels must match bit for bit).

Run by developers, not CI, from anywhere:  python3 models/suite/generate.py
Needs: pip install tensorflow-cpu ai-edge-litert   (versions used are recorded in README.md)
Writes into this folder: NAME.tflite, NAME.input.npy, NAME.output.npy, README.md.

Everything is seeded (one seed per model, derived from its name), so a rerun with the same package versions
reproduces the files byte for byte. The script fails if the converter emits other operators or options than
a model is meant to exercise, so the README stays true.
"""

import dataclasses
import hashlib
import os
import sys
import zlib
from pathlib import Path
from typing import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from ai_edge_litert.interpreter import Interpreter, OpResolverType  # noqa: E402
from tensorflow.lite.python import schema_py_generated as schema  # noqa: E402

SUITE = Path(__file__).resolve().parent
SEED = 20250101
CALIBRATION_SAMPLES = 16

SAME, VALID = schema.Padding.SAME, schema.Padding.VALID
NONE, RELU, RELU6 = (
    schema.ActivationFunctionType.NONE,
    schema.ActivationFunctionType.RELU,
    schema.ActivationFunctionType.RELU6,
)


@dataclasses.dataclass
class Case:
    """One model of the suite.

    build(rng) returns the float function to convert (a tf.function of one tensor, or a Keras model);
    constants inside it (weights, biases, second operands) are drawn from rng. `ops` lists the expected
    operators in execution order, each with the builtin options that must hold (schema field names);
    `checks` are further (operator index, predicate on the ModelT and operator, description) rules.
    The converter calibrates on uniform noise over +-input_range, or with `smooth_calibration` on smooth images
    (see `smooth_images`), which is what an image classifier sees.
    """

    name: str
    covers: str
    input_shape: tuple
    build: Callable
    ops: list
    input_range: float = 1.0
    float_input: bool = False
    float_output: bool = False
    per_tensor: bool = False
    checks: list = dataclasses.field(default_factory=list)
    smooth_calibration: bool = False

    @property
    def seed(self):
        return [SEED, zlib.crc32(self.name.encode())]


def weights(rng, *shape, scale=0.5):
    return tf.constant(rng.normal(0.0, scale, shape).astype(np.float32))


def activation(kind):
    return {NONE: tf.identity, RELU: tf.nn.relu, RELU6: tf.nn.relu6}[kind]


def conv2d(kernel, cin, cout, strides, padding, act, dilations=1):
    def build(rng):
        w = weights(rng, *kernel, cin, cout)
        b = weights(rng, cout)
        pad = "SAME" if padding == SAME else "VALID"
        return lambda x: activation(act)(tf.nn.conv2d(x, w, strides, pad, dilations=dilations) + b)

    return build


def depthwise(kernel, cin, multiplier, stride, padding, act, dilation=1):
    def build(rng):
        w = weights(rng, *kernel, cin, multiplier)
        b = weights(rng, cin * multiplier)
        pad = "SAME" if padding == SAME else "VALID"
        return lambda x: activation(act)(
            tf.nn.depthwise_conv2d(x, w, [1, stride, stride, 1], pad, dilations=[dilation, dilation]) + b
        )

    return build


def fully_connected(cin, cout, bias, act):
    def build(rng):
        w = weights(rng, cin, cout)
        b = weights(rng, cout) if bias else None
        # tensordot keeps leading dimensions, which the converter expresses with keep_num_dims.
        return lambda x: activation(act)(tf.tensordot(x, w, 1) + b if bias else tf.tensordot(x, w, 1))

    return build


def binary(op, shape, act, constant_first=False):
    def build(rng):
        c = weights(rng, *shape, scale=1.0)
        if constant_first:
            return lambda x: activation(act)(op(c, x))
        return lambda x: activation(act)(op(x, c))

    return build


def fixed(fn):
    return lambda rng: fn


def keras_model(input_shape, layers):
    """A Keras functional model of `layers(keras, input)` with batch None, so that the converter emits its
    dynamic-batch shape chains for Flatten and Reshape. Seeded through Keras's global seed."""

    def build(rng):
        import keras

        keras.backend.clear_session()
        keras.utils.set_random_seed(int(rng.integers(2**31)))
        inputs = keras.Input(input_shape[1:])
        return keras.Model(inputs, layers(keras, inputs))

    return build


def mobilenet_v2(alpha, size, classes):
    """Keras's MobileNetV2 with random weights (`weights=None`), made numerically well-behaved. With the
    default initialisers and untouched batch-norm statistics the signal decays through the 52 layers until
    the logits are ~1e-8 (softmax's input scale then breaks the reference kernel). Normalising every layer
    instead makes a random network chaotic: one-LSB rounding differences (XNNPACK's against the reference's)
    grow to tens of LSBs and change the class. So, layer by layer on a seeded batch of calibration-like
    inputs, each batch norm gets its input's per-channel mean and the mean of its per-channel variances (one
    gain per layer, so nearly dead channels are not blown up), then small random gains (0.3 to 0.6) and
    large random offsets (standard deviation 1), which keeps the network in its ordered regime: XNNPACK
    then differs from the reference by about half an LSB on the pooled features. Last, the classifier's
    weights are scaled so that the logits spread (standard deviation 4) for a clear top-1."""

    def build(rng):
        import keras

        # Layer names (which end up in the flatbuffer) depend on how many models were built before.
        keras.backend.clear_session()
        keras.utils.set_random_seed(int(rng.integers(2**31)))
        model = keras.applications.MobileNetV2(
            input_shape=(size, size, 3), alpha=alpha, weights=None, classes=classes
        )
        batch = rng.uniform(-1.0, 1.0, (8, size, size, 3)).astype(np.float32)
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                values = np.asarray(keras.Model(model.inputs, layer.input)(batch))
                channels = values.shape[-1]
                layer.moving_mean.assign(values.mean(axis=(0, 1, 2)))
                layer.moving_variance.assign(np.full(channels, values.var(axis=(0, 1, 2)).mean(), np.float32))
                layer.gamma.assign(rng.uniform(0.3, 0.6, channels).astype(np.float32))
                layer.beta.assign(rng.normal(0.0, 1.0, channels).astype(np.float32))
        predictions = model.get_layer("predictions")
        logits = keras.Model(model.inputs, predictions.input)(batch) @ predictions.kernel + predictions.bias
        predictions.kernel.assign(predictions.kernel * (4.0 / float(np.std(logits))))
        return model

    return build


def smooth_images(rng, count, size):
    """`count` RGB images over [-1, 1], each a bilinear blend of four random corner colours."""
    corners = rng.uniform(-1.0, 1.0, (count, 2, 2, 3)).astype(np.float32)
    return tf.image.resize(corners, size, method="bilinear").numpy()


def classifier_tiny(rng):
    """A two-class image classifier (3x3 conv stride 2, depthwise 3x3 stride 2, pointwise, mean, fully connected,
    softmax; 4 to 8 channels, about 32k MACs) small enough for a debug build, so end-to-end tests can push
    thousands of captures through the daemon. On a seeded batch of smooth images (what JPEG captures look like,
    unlike uniform noise) the classifier's bias centres the logits and its weights are scaled so that the
    difference of the two logits has standard deviation 2: some images then score high for either class."""
    stem, stem_bias = weights(rng, 3, 3, 3, 4), weights(rng, 4)
    depth, depth_bias = weights(rng, 3, 3, 4, 1), weights(rng, 4)
    point, point_bias = weights(rng, 1, 1, 4, 8), weights(rng, 8)
    dense, dense_bias = weights(rng, 8, 2), weights(rng, 2)

    def features(x):
        x = tf.nn.relu(tf.nn.conv2d(x, stem, 2, "SAME") + stem_bias)
        x = tf.nn.relu(tf.nn.depthwise_conv2d(x, depth, [1, 2, 2, 1], "SAME") + depth_bias)
        x = tf.nn.relu(tf.nn.conv2d(x, point, 1, "VALID") + point_bias)
        return tf.reduce_mean(x, [1, 2])

    logits = tf.tensordot(features(smooth_images(rng, 32, (32, 32))), dense, 1).numpy()
    gain = 2.0 / float(np.std(logits[:, 1] - logits[:, 0]))
    dense, dense_bias = dense * gain, tf.constant(-logits.mean(axis=0) * gain)
    return lambda x: tf.nn.softmax(tf.tensordot(features(x), dense, 1) + dense_bias)


def weight_quantization(kind):
    """The filter (input 1) is quantized per tensor (one scale) or per output channel."""

    def check(model, op):
        scales = model.subgraphs[0].tensors[op.inputs[1]].quantization.scale
        return (len(scales) == 1) == (kind == "per-tensor")

    return check


def no_bias(model, op):
    return op.inputs[2] == -1


def conv_ops(kind, **options):
    return [(kind, options)]


CASES = [
    # CONV_2D
    Case(
        "conv2d_3ch_stride2_same_odd_relu6",
        "first-layer conv: 3 input channels, 15x13 input (odd, so SAME pads unevenly), stride 2, RELU6, "
        "8 filters, per-channel weights",
        (1, 15, 13, 3),
        conv2d((3, 3), 3, 8, 2, SAME, RELU6),
        conv_ops("CONV_2D", padding=SAME, strideW=2, strideH=2, fusedActivationFunction=RELU6),
        checks=[(0, weight_quantization("per-channel"), "per-channel weights")],
    ),
    Case(
        "conv2d_valid_relu",
        "3x3 VALID stride 1, RELU, 12 -> 20 channels, 9x10 input",
        (1, 9, 10, 12),
        conv2d((3, 3), 12, 20, 1, VALID, RELU),
        conv_ops("CONV_2D", padding=VALID, strideW=1, strideH=1, fusedActivationFunction=RELU),
    ),
    Case(
        "conv2d_dilation2_same",
        "3x3 dilation 2, SAME, no activation, 8 -> 12 channels, 12x11 input",
        (1, 12, 11, 8),
        conv2d((3, 3), 8, 12, 1, SAME, NONE, dilations=2),
        conv_ops("CONV_2D", padding=SAME, dilationWFactor=2, dilationHFactor=2, fusedActivationFunction=NONE),
    ),
    Case(
        "conv2d_kernel3x5_stride1x2_same_relu",
        "non-square 3x5 kernel with unequal strides (1 vertical, 2 horizontal), SAME, RELU, 6 -> 10 channels",
        (1, 10, 11, 6),
        conv2d((3, 5), 6, 10, (1, 2), SAME, RELU),
        conv_ops("CONV_2D", padding=SAME, strideW=2, strideH=1, fusedActivationFunction=RELU),
    ),
    Case(
        "conv2d_1x1_33ch",
        "pointwise 1x1 conv, 24 -> 33 channels (not a multiple of 16), no activation",
        (1, 7, 7, 24),
        conv2d((1, 1), 24, 33, 1, VALID, NONE),
        conv_ops("CONV_2D", padding=VALID, strideW=1, strideH=1, fusedActivationFunction=NONE),
    ),
    Case(
        "conv2d_per_tensor_stride2_valid_relu6",
        "per-tensor weights (one scale for all filters), 3x3 stride 2 VALID, RELU6, 5 -> 7 channels",
        (1, 9, 9, 5),
        conv2d((3, 3), 5, 7, 2, VALID, RELU6),
        conv_ops("CONV_2D", padding=VALID, strideW=2, strideH=2, fusedActivationFunction=RELU6),
        per_tensor=True,
        checks=[(0, weight_quantization("per-tensor"), "per-tensor weights")],
    ),
    # DEPTHWISE_CONV_2D
    Case(
        "dwconv_3x3_m1_stride1_same_relu6",
        "depthwise 3x3, multiplier 1, stride 1, SAME, RELU6, 20 channels",
        (1, 10, 10, 20),
        depthwise((3, 3), 20, 1, 1, SAME, RELU6),
        conv_ops("DEPTHWISE_CONV_2D", padding=SAME, strideW=1, depthMultiplier=1, fusedActivationFunction=RELU6),
    ),
    Case(
        "dwconv_3x3_m2_stride2_same",
        "depthwise 3x3, multiplier 2 (6 -> 12 channels), stride 2, SAME on an odd 11x11 input",
        (1, 11, 11, 6),
        depthwise((3, 3), 6, 2, 2, SAME, NONE),
        conv_ops("DEPTHWISE_CONV_2D", padding=SAME, strideW=2, strideH=2, depthMultiplier=2),
    ),
    Case(
        "dwconv_5x5_m1_stride2_valid_relu",
        "depthwise 5x5, multiplier 1, stride 2, VALID, RELU, 24 channels",
        (1, 13, 13, 24),
        depthwise((5, 5), 24, 1, 2, VALID, RELU),
        conv_ops("DEPTHWISE_CONV_2D", padding=VALID, strideW=2, strideH=2, fusedActivationFunction=RELU),
    ),
    Case(
        "dwconv_5x5_m3_stride1_same",
        "depthwise 5x5, multiplier 3 (5 -> 15 channels), stride 1, SAME",
        (1, 8, 8, 5),
        depthwise((5, 5), 5, 3, 1, SAME, NONE),
        conv_ops("DEPTHWISE_CONV_2D", padding=SAME, strideW=1, depthMultiplier=3),
    ),
    Case(
        "dwconv_3x3_dilation2_same",
        "depthwise 3x3, dilation 2, SAME, 8 channels",
        (1, 12, 12, 8),
        depthwise((3, 3), 8, 1, 1, SAME, NONE, dilation=2),
        conv_ops("DEPTHWISE_CONV_2D", padding=SAME, dilationWFactor=2, dilationHFactor=2),
    ),
    Case(
        "dwconv_3x3_per_tensor_valid",
        "depthwise 3x3 with per-tensor weights, VALID, 10 channels",
        (1, 9, 9, 10),
        depthwise((3, 3), 10, 1, 1, VALID, NONE),
        conv_ops("DEPTHWISE_CONV_2D", padding=VALID, depthMultiplier=1),
        per_tensor=True,
        checks=[(0, weight_quantization("per-tensor"), "per-tensor weights")],
    ),
    # FULLY_CONNECTED
    Case(
        "fc_bias_relu",
        "fully connected 40 -> 10 with bias, RELU",
        (1, 40),
        fully_connected(40, 10, True, RELU),
        conv_ops("FULLY_CONNECTED", fusedActivationFunction=RELU, keepNumDims=False),
    ),
    Case(
        "fc_nobias",
        "fully connected 24 -> 13 without bias (the bias input is omitted: index -1)",
        (1, 24),
        fully_connected(24, 13, False, NONE),
        conv_ops("FULLY_CONNECTED", fusedActivationFunction=NONE, keepNumDims=False),
        checks=[(0, no_bias, "bias omitted")],
    ),
    Case(
        "fc_keep_num_dims",
        "fully connected on a 1x4x24 input to 1x4x10 (keep_num_dims), with bias",
        (1, 4, 24),
        fully_connected(24, 10, True, NONE),
        conv_ops("FULLY_CONNECTED", keepNumDims=True),
    ),
    # AVERAGE_POOL_2D, MAX_POOL_2D
    Case(
        "avgpool_3x3_stride2_same",
        "average pool 3x3 stride 2 SAME on 11x11: border windows average only their in-bounds elements",
        (1, 11, 11, 10),
        fixed(lambda x: tf.nn.avg_pool2d(x, 3, 2, "SAME")),
        conv_ops("AVERAGE_POOL_2D", padding=SAME, strideW=2, filterWidth=3, filterHeight=3),
    ),
    Case(
        "avgpool_2x2_valid_relu",
        "average pool 2x2 stride 2 VALID on 8x9 (the odd last column is dropped), fused RELU",
        (1, 8, 9, 5),
        fixed(lambda x: tf.nn.relu(tf.nn.avg_pool2d(x, 2, 2, "VALID"))),
        conv_ops("AVERAGE_POOL_2D", padding=VALID, strideW=2, filterWidth=2, fusedActivationFunction=RELU),
    ),
    Case(
        "maxpool_3x3_stride2_same",
        "max pool 3x3 stride 2 SAME on 11x11",
        (1, 11, 11, 10),
        fixed(lambda x: tf.nn.max_pool2d(x, 3, 2, "SAME")),
        conv_ops("MAX_POOL_2D", padding=SAME, strideW=2, filterWidth=3),
    ),
    Case(
        "maxpool_2x2_stride1_valid",
        "max pool 2x2 stride 1 VALID on 9x8 (overlapping windows)",
        (1, 9, 8, 5),
        fixed(lambda x: tf.nn.max_pool2d(x, 2, 1, "VALID")),
        conv_ops("MAX_POOL_2D", padding=VALID, strideW=1, filterWidth=2),
    ),
    # MEAN
    Case(
        "mean_global_keepdims",
        "MEAN over height and width keeping dims: 1x7x7x20 -> 1x1x1x20",
        (1, 7, 7, 20),
        fixed(lambda x: tf.reduce_mean(x, [1, 2], keepdims=True)),
        conv_ops("MEAN", keepDims=True),
    ),
    Case(
        "mean_global",
        "MEAN over height and width: 1x5x6x19 -> 1x19 (as global average pooling converts)",
        (1, 5, 6, 19),
        fixed(lambda x: tf.reduce_mean(x, [1, 2])),
        conv_ops("MEAN", keepDims=False),
    ),
    # ADD, SUB, MUL (the second operand is a quantized constant with its own scale)
    Case(
        "add_same_shape_relu",
        "ADD of two same-shape tensors with different scales, fused RELU",
        (1, 6, 6, 10),
        binary(tf.add, (1, 6, 6, 10), RELU),
        conv_ops("ADD", fusedActivationFunction=RELU),
    ),
    Case(
        "add_broadcast_channel_relu6",
        "ADD broadcasting a per-channel vector (10,) over 1x6x6x10, fused RELU6",
        (1, 6, 6, 10),
        binary(tf.add, (10,), RELU6),
        conv_ops("ADD", fusedActivationFunction=RELU6),
    ),
    Case(
        "sub_broadcast_row",
        "SUB broadcasting 1x6x1x10 over 1x6x6x10 (a middle axis), no activation",
        (1, 6, 6, 10),
        binary(tf.subtract, (1, 6, 1, 10), NONE),
        conv_ops("SUB", fusedActivationFunction=NONE),
    ),
    Case(
        "sub_constant_minus_input",
        "SUB with the broadcast operand first: 1x1x1x10 constant minus the 1x6x6x10 input",
        (1, 6, 6, 10),
        binary(tf.subtract, (1, 1, 1, 10), NONE, constant_first=True),
        conv_ops("SUB", fusedActivationFunction=NONE),
    ),
    Case(
        "mul_same_shape",
        "MUL of two same-shape 1x5x7x9 tensors, no activation",
        (1, 5, 7, 9),
        binary(tf.multiply, (1, 5, 7, 9), NONE),
        conv_ops("MUL", fusedActivationFunction=NONE),
    ),
    Case(
        "mul_broadcast_channel_relu",
        "MUL broadcasting a per-channel vector (10,), fused RELU",
        (1, 6, 6, 10),
        binary(tf.multiply, (10,), RELU),
        conv_ops("MUL", fusedActivationFunction=RELU),
    ),
    # CONCATENATION, QUANTIZE (int8 -> int8)
    Case(
        "concat_requantize_logistic",
        "CONCATENATION on the channel axis of LOGISTIC's fixed-scale output and the input: the converter "
        "requantizes the former to the common scale with an int8 -> int8 QUANTIZE",
        (1, 6, 6, 10),
        fixed(lambda x: tf.concat([tf.sigmoid(x), x], -1)),
        [("LOGISTIC", {}), ("QUANTIZE", {}), ("CONCATENATION", {"axis": -1})],
        input_range=4.0,
    ),
    Case(
        "concat_width_constant",
        "CONCATENATION on axis 2 (width) of the input and a constant",
        (1, 6, 3, 5),
        binary(lambda x, c: tf.concat([x, c], 2), (1, 6, 4, 5), NONE),
        conv_ops("CONCATENATION", axis=2),
    ),
    # PAD, RESHAPE
    Case(
        "pad_asymmetric",
        "PAD with different before/after amounts: height (1, 2), width (2, 1); pads with the zero point",
        (1, 5, 6, 7),
        fixed(lambda x: tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]])),
        conv_ops("PAD"),
    ),
    Case(
        "reshape_4d_to_3d",
        "RESHAPE 1x4x4x6 -> 1x8x12 (new shape given as a second input tensor)",
        (1, 4, 4, 6),
        fixed(lambda x: tf.reshape(x, (1, 8, 12))),
        conv_ops("RESHAPE"),
    ),
    # SOFTMAX, LOGISTIC, HARD_SWISH
    Case(
        "softmax_37",
        "SOFTMAX over 37 classes (not a multiple of 16)",
        (1, 37),
        fixed(tf.nn.softmax),
        conv_ops("SOFTMAX", beta=1.0),
        input_range=6.0,
    ),
    Case(
        "softmax_4d_last_axis",
        "SOFTMAX over the last axis of a 1x3x3x10 tensor (9 independent rows)",
        (1, 3, 3, 10),
        fixed(tf.nn.softmax),
        conv_ops("SOFTMAX", beta=1.0),
        input_range=6.0,
    ),
    Case(
        "logistic",
        "LOGISTIC on 1x5x5x7 over [-6, 6] (output scale 1/256, zero point -128)",
        (1, 5, 5, 7),
        fixed(tf.sigmoid),
        conv_ops("LOGISTIC"),
        input_range=6.0,
    ),
    Case(
        "hard_swish",
        "HARD_SWISH (x * relu6(x + 3) / 6, matched by the converter) on 1x5x5x7 over [-5, 5]: both knees",
        (1, 5, 5, 7),
        fixed(lambda x: x * tf.nn.relu6(x + 3.0) / 6.0),
        conv_ops("HARD_SWISH"),
        input_range=5.0,
    ),
    # QUANTIZE (float -> int8), DEQUANTIZE (int8 -> float)
    Case(
        "quantize_float_input",
        "float32 model input: QUANTIZE float -> int8 is the first op (golden input exceeds the calibrated "
        "range by half, so saturation is exercised), then MAX_POOL_2D 2x2",
        (1, 8, 8, 5),
        fixed(lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID")),
        [("QUANTIZE", {}), ("MAX_POOL_2D", {"filterWidth": 2})],
        float_input=True,
    ),
    Case(
        "dequantize_float_output",
        "float32 model output: AVERAGE_POOL_2D 2x2 then DEQUANTIZE int8 -> float as the last op",
        (1, 8, 8, 5),
        fixed(lambda x: tf.nn.avg_pool2d(x, 2, 2, "VALID")),
        [("AVERAGE_POOL_2D", {"filterWidth": 2}), ("DEQUANTIZE", {})],
        float_output=True,
    ),
    # Whole networks
    Case(
        "mobilenet_v2_1.0_224",
        "MobileNetV2 alpha 1.0, 224x224x3, 1000 classes, random init (Keras weights=None, seeded; batch-norm "
        "statistics and logit spread set from a seeded batch, see `mobilenet_v2` in generate.py): the "
        "benchmark model",
        (1, 224, 224, 3),
        mobilenet_v2(1.0, 224, 1000),
        None,
    ),
    Case(
        "mobilenet_v2_0.35_96",
        "MobileNetV2 alpha 0.35, 96x96x3, 10 classes, random init as above: a small whole network",
        (1, 96, 96, 3),
        mobilenet_v2(0.35, 96, 10),
        None,
    ),
    Case(
        "classifier_tiny",
        "two-class classifier, random init (seeded; calibrated on smooth images, logits centred and spread on them, see "
        "`classifier_tiny` in generate.py): fast enough for end-to-end daemon tests in debug builds",
        (1, 32, 32, 3),
        classifier_tiny,
        smooth_calibration=True,
        ops=[
            ("CONV_2D", {"strideW": 2, "strideH": 2, "padding": SAME, "fusedActivationFunction": RELU}),
            ("DEPTHWISE_CONV_2D", {"strideW": 2, "padding": SAME, "fusedActivationFunction": RELU}),
            ("CONV_2D", {"strideW": 1, "padding": VALID, "fusedActivationFunction": RELU}),
            ("MEAN", {"keepDims": False}),
            ("FULLY_CONNECTED", {"fusedActivationFunction": NONE}),
            ("SOFTMAX", {"beta": 1.0}),
        ],
    ),
    # Shape chains and data movement: SHAPE, STRIDED_SLICE, PACK, GATHER (the converter's dynamic-batch reshape
    # chains, folded at load; and the same operators on int8 data at run time)
    Case(
        "reshape_chain_flatten",
        "Keras Flatten with batch None: the converter's SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE chain, folded at "
        "load (batch 1), then FULLY_CONNECTED",
        (1, 6, 6, 3),
        keras_model((1, 6, 6, 3), lambda keras, x: keras.layers.Dense(5)(keras.layers.Flatten()(
            keras.layers.Conv2D(4, 3, activation="relu")(x)))),
        None,
    ),
    Case(
        "reshape_chain_reshape",
        "Keras Reshape((8, 12)) with batch None, then a Dense over the last axis: SHAPE/STRIDED_SLICE/PACK for the "
        "reshape and SHAPE/GATHER/REDUCE_PROD/CONCATENATION/PACK for the Dense's flattening, all folded at load; "
        "the file records the flattened rows as 1 (-1 in shape_signature), resolved from the folded shapes",
        (1, 4, 4, 6),
        keras_model((1, 4, 4, 6), lambda keras, x: keras.layers.Dense(3)(keras.layers.Reshape((8, 12))(
            keras.layers.Conv2D(6, 1)(x)))),
        None,
    ),
    Case(
        "gather_channels_int8",
        "GATHER on an int8 activation: channels 4, 0, 2, 2 of five (axis -1, repeated index), then axis 1",
        (1, 4, 4, 5),
        fixed(lambda x: tf.gather(tf.gather(x, [4, 0, 2, 2], axis=-1), [3, 1], axis=1)),
        [("GATHER", {"axis": -1}), ("GATHER", {"axis": 1})],
    ),
    Case(
        "strided_slice_masks_int8",
        "STRIDED_SLICE on int8 data: begin/end masks, a negative stride with a negative begin, stride 2 and a "
        "shrunk axis",
        (1, 6, 7, 5),
        fixed(lambda x: x[:, -2::-1, 1::2, 3]),
        [("STRIDED_SLICE", {})],
        checks=[(0, lambda model, op: op.builtinOptions.shrinkAxisMask != 0, "an axis is shrunk")],
    ),
    Case(
        "pack_int8",
        "PACK of two int8 rows (each a STRIDED_SLICE that shrinks the height axis) along a new last axis",
        (1, 4, 6, 3),
        fixed(lambda x: tf.stack([x[:, 0], x[:, 2]], axis=-1)),
        [("STRIDED_SLICE", {}), ("STRIDED_SLICE", {}), ("PACK", {"axis": -1, "valuesCount": 2})],
    ),
]


def convert(case):
    rng = np.random.default_rng(case.seed)
    tf.random.set_seed(int(rng.integers(2**31)))
    function = case.build(rng)
    if callable(function) and not hasattr(function, "inputs"):
        concrete = tf.function(function).get_concrete_function(tf.TensorSpec(case.input_shape, tf.float32))
        converter = tf.lite.TFLiteConverter.from_concrete_functions([concrete])
    else:
        converter = tf.lite.TFLiteConverter.from_keras_model(function)
    if case.smooth_calibration:
        calibration = [sample[None] for sample in smooth_images(rng, CALIBRATION_SAMPLES, case.input_shape[1:3])]
    else:
        calibration = [
            rng.uniform(-case.input_range, case.input_range, case.input_shape).astype(np.float32)
            for _ in range(CALIBRATION_SAMPLES)
        ]
    converter.representative_dataset = lambda: ([sample] for sample in calibration)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.float32 if case.float_input else tf.int8
    converter.inference_output_type = tf.float32 if case.float_output else tf.int8
    if case.per_tensor:
        converter._experimental_disable_per_channel = True
    return converter.convert()


def operators(flatbuffer):
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(flatbuffer, 0))
    return model, model.subgraphs[0].operators


def verify(case, flatbuffer, op_names):
    """Fails unless the converter emitted exactly the operators and options the case is meant to exercise."""
    if case.ops is None:
        return
    expected = [name for name, _ in case.ops]
    if op_names != expected:
        sys.exit(f"{case.name}: the converter emitted {op_names}, expected {expected}")
    model, ops = operators(flatbuffer)
    for index, ((name, options), op) in enumerate(zip(case.ops, ops)):
        actual = vars(op.builtinOptions) if op.builtinOptions is not None else {}
        for key, value in options.items():
            if actual.get(key) != value:
                sys.exit(f"{case.name}: operator {index} {name} has {key}={actual.get(key)}, expected {value}")
    for index, predicate, description in case.checks:
        if not predicate(model, ops[index]):
            sys.exit(f"{case.name}: operator {index} fails the check '{description}'")


def golden(case, path):
    """A seeded random input and the reference kernels' output for it."""
    interpreter = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    (input_detail,) = interpreter.get_input_details()
    rng = np.random.default_rng(case.seed + [1])
    if case.float_input:
        limit = 1.5 * case.input_range
        value = rng.uniform(-limit, limit, input_detail["shape"]).astype(np.float32)
    else:
        value = rng.integers(-128, 128, input_detail["shape"], dtype=np.int8)
    interpreter.set_tensor(input_detail["index"], value)
    interpreter.invoke()
    outputs = [interpreter.get_tensor(detail["index"]) for detail in interpreter.get_output_details()]
    return value, outputs


def op_summary(op_names):
    counts = {}
    for name in op_names:
        counts[name] = counts.get(name, 0) + 1
    if len(op_names) <= 3:
        return ", ".join(op_names)
    return ", ".join(f"{name} x{count}" for name, count in counts.items())


def readme(rows):
    lines = [
        "# Model suite",
        "",
        "Full-integer int8 TFLite models that exercise edgediag's operators one edge case at a time, plus three",
        "randomly initialised whole networks (two MobileNetV2s and a tiny classifier), each with a golden:",
        "`NAME.input.npy` (a seeded random input, int8 or float32) and `NAME.output.npy` (the output of LiteRT's",
        "reference kernels, `OpResolverType.BUILTIN_REF`, for that input). edgediag must match the goldens bit for",
        "bit. LiteRT's default XNNPACK path rounds differently in places and is *not* the golden.",
        "",
        "All models were converted by the TensorFlow Lite converter with `optimizations=[Optimize.DEFAULT]`, a",
        "seeded representative dataset, `supported_ops=[TFLITE_BUILTINS_INT8]` and int8 input and output, except",
        "where the table says float32. Weights are quantized per channel (the converter's default) unless the",
        "name says `per_tensor` (`_experimental_disable_per_channel`). Constants of the ADD/SUB/MUL/CONCATENATION",
        "models (the second operand) are quantized constants with their own scale.",
        "",
        "Regenerate (developers, not CI):",
        "",
        "```",
        "pip install tensorflow-cpu ai-edge-litert",
        "python3 models/suite/generate.py",
        "```",
        "",
        f"Generated with TensorFlow {tf.__version__}, ai-edge-litert {litert_version()}, NumPy {np.__version__}.",
        "The script is seeded throughout; with these versions a rerun reproduces every file byte for byte. It",
        "fails if the converter emits other operators or options than a model is meant to exercise.",
        "",
        "Not emitted by this converter, so not in the suite: SQUEEZE (always lowered to RESHAPE, even with",
        "dynamic dimensions), and CONCATENATION with inputs of different scales (the converter gives every input",
        "the output's scale, inserting an int8 -> int8 QUANTIZE where needed; see `concat_requantize_logistic`).",
        "",
        "| model | ops | input -> output | bytes | covers |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for case, op_names, shapes, size in rows:
        lines.append(f"| `{case.name}` | {op_summary(op_names)} | {shapes} | {size} | {case.covers} |")
    return "\n".join(lines) + "\n"


def litert_version():
    from importlib.metadata import version

    return version("ai-edge-litert")


def describe(array):
    kind = {"int8": "i8", "float32": "f32"}.get(array.dtype.name, array.dtype.name)
    return kind + "[" + "x".join(str(extent) for extent in array.shape) + "]"


def main():
    only = set(sys.argv[1:])
    rows = []
    for case in CASES:
        path = SUITE / f"{case.name}.tflite"
        if only and case.name not in only:
            flatbuffer = path.read_bytes()
        else:
            flatbuffer = convert(case)
            path.write_bytes(flatbuffer)
        op_names = [op["op_name"] for op in Interpreter(model_path=str(path))._get_ops_details()]
        verify(case, flatbuffer, op_names)
        value, outputs = golden(case, path)
        np.save(SUITE / f"{case.name}.input.npy", value)
        if len(outputs) == 1:
            np.save(SUITE / f"{case.name}.output.npy", outputs[0])
        else:
            for index, output in enumerate(outputs):
                np.save(SUITE / f"{case.name}.output{index}.npy", output)
        shapes = describe(value) + " -> " + ", ".join(describe(output) for output in outputs)
        rows.append((case, op_names, shapes, len(flatbuffer)))
        digest = hashlib.sha256(flatbuffer).hexdigest()[:12]
        print(f"{case.name}: {len(flatbuffer)} bytes, {op_summary(op_names)}, sha256 {digest}")
    (SUITE / "README.md").write_text(readme(rows))


if __name__ == "__main__":
    main()
