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

import flatbuffers  # noqa: E402
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
    (see `smooth_images`), which is what an image classifier sees. An int8 golden input is drawn uniformly from
    `golden_range` (inclusive). Operators named in `float_ops` are left in
    float32 between DEQUANTIZE and QUANTIZE (selective quantization, see `convert_with_float_ops`); such models
    have float32 input and output.
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
    # LiteRT's reference resolver registers some pure data-movement operators only at version 1 (DEPTH_TO_SPACE);
    # their int8 version copies the same bytes, so the golden comes from the builtin resolver's kernels.
    builtin_golden: bool = False
    uint8_input: bool = False
    uint8_output: bool = False
    rewrite: Callable = None
    every_byte_input: bool = False
    golden_range: tuple = (-128, 127)
    float_ops: list = None

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


def prelu(input_shape, shared_axes=None):
    """A Keras PReLU layer with seeded slopes in [0.05, 0.5]."""

    def build(rng):
        import keras

        keras.backend.clear_session()
        inputs = keras.Input(input_shape[1:], batch_size=input_shape[0])
        layer = keras.layers.PReLU(shared_axes=shared_axes)
        outputs = layer(inputs)
        layer.alpha.assign(rng.uniform(0.05, 0.5, layer.alpha.shape).astype(np.float32))
        return keras.Model(inputs, outputs)

    return build


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


def replace_operator(old, new, version):
    """A rewrite for operators the converter leaves in float: every `old` operator code becomes `new` at
    `version` (an int8 operator without options standing in for another), keeping tensors and quantization."""

    def rewrite(flatbuffer):
        model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(flatbuffer, 0))
        for code in model.operatorCodes:
            if code.builtinCode == old:
                code.builtinCode, code.deprecatedBuiltinCode, code.version = new, min(new, 127), version
        builder = flatbuffers.Builder(1024)
        builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
        return bytes(builder.Output())

    return rewrite


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


def conv2d_transpose(shape, filters, kernel, strides, padding, bias):
    """Keras's Conv2DTranspose on `shape` with seeded weights, as a Keras model."""

    def build(rng):
        import keras

        keras.backend.clear_session()
        layer = keras.layers.Conv2DTranspose(filters, kernel, strides=strides, padding=padding, use_bias=bias)
        inputs = keras.Input(shape[1:], batch_size=shape[0])
        model = keras.Model(inputs, layer(inputs))
        layer.set_weights([rng.normal(0.0, 0.5, w.shape).astype(np.float32) for w in layer.get_weights()])
        return model

    return build


def no_bias_transpose_conv(model, op):
    return len(op.inputs) < 4 or op.inputs[3] == -1


def conv_ops(kind, **options):
    return [(kind, options)]


def max_pool(x):
    return tf.nn.max_pool2d(x, 2, 1, "VALID")


def island_swish_excite(rng):
    gains = weights(rng, 8, scale=1.0)

    def f(x):
        y = max_pool(x)
        y = y * tf.sigmoid(y)
        return max_pool(y * tf.sigmoid(tf.reduce_mean(y, [1, 2], keepdims=True) * gains))

    return f


def island_add_sub_div(rng):
    offsets = weights(rng, 8, scale=1.0)

    def f(x):
        y = max_pool(x)
        return max_pool((y + offsets) - y / (tf.sigmoid(y) + 0.5))

    return f


def island_layer_norm(rng):
    w1, w2 = weights(rng, 16, 16), weights(rng, 16, 16)
    gain, offset = weights(rng, 16, scale=1.0), weights(rng, 16, scale=1.0)

    def f(x):
        y = tf.tensordot(x, w1, 1)
        mean = tf.reduce_mean(y, -1, keepdims=True)
        variance = tf.reduce_mean(tf.math.squared_difference(y, mean), -1, keepdims=True)
        return tf.tensordot((y - mean) * tf.math.rsqrt(variance + 1e-3) * gain + offset, w2, 1)

    return f


def island_activations(rng):
    def f(x):
        r = tf.nn.relu(tf.tanh(max_pool(x))) * 4 - 1
        return max_pool(tf.nn.relu6(3 * (r * tf.nn.relu6(r + 3) / 6)))

    return f


def island_data_movement(rng):
    """NCHW <-> NHWC transposes, LEAKY_RELU, SLICE and a REFLECT pad, all in float32 (as PyTorch models have
    them between their int8 layers)."""

    def f(x):
        nchw = tf.transpose(max_pool(x), [0, 3, 1, 2])
        part = tf.slice(tf.nn.leaky_relu(nchw, alpha=0.15), [0, 1, 0, 1], [1, 6, 3, 2])
        padded = tf.pad(part, [[0, 0], [0, 0], [1, 2], [1, 1]], mode="REFLECT")
        return max_pool(tf.transpose(padded, [0, 2, 3, 1]))

    return f


def island_pads(rng):
    """PAD (zeros) and PADV2 (a constant) in float32, unevenly on height and width."""

    def f(x):
        padded = tf.pad(max_pool(x), [[0, 0], [1, 2], [0, 1], [0, 0]])
        return max_pool(tf.pad(padded, [[0, 0], [2, 0], [1, 1], [0, 0]], constant_values=-0.75))

    return f


def island_space_depth_resize(rng):
    """DEPTH_TO_SPACE, nearest-neighbour upsampling (half-pixel centres) and SPACE_TO_DEPTH in float32."""

    def f(x):
        spread = tf.nn.depth_to_space(max_pool(x), 2)
        upsampled = tf.compat.v1.image.resize_nearest_neighbor(spread, (15, 9), half_pixel_centers=True)
        return max_pool(tf.nn.space_to_depth(upsampled[:, :14, :8, :], 2))

    return f


def island_gather_concat(rng):
    """Channels reordered (GATHER), strided rows (STRIDED_SLICE), PACK and CONCATENATION of float32 tensors."""

    def f(x):
        y = max_pool(x)
        reordered = tf.gather(y, [5, 0, 2, 2, 7], axis=-1)
        rows = tf.reshape(tf.stack([y[:, 0], y[:, 2]], axis=1), [1, 2, 6, 8])
        return max_pool(tf.concat([reordered[:, 1::2], rows[..., 1:4]], axis=-1))

    return f


def island_split_unpack(rng):
    """SPLIT, SPLIT_V and UNPACK of float32 tensors, reassembled by PACK and CONCATENATION."""

    def f(x):
        y = max_pool(x)
        halves = tf.split(y, 2, axis=-1)
        parts = tf.split(y, [3, 5], axis=-1)
        rows = tf.unstack(y, axis=1)
        return max_pool(tf.concat([halves[1], parts[0], tf.stack(rows[::-1], axis=1)[..., :1]], axis=-1))

    return f


def island_exp_square_abs_log(rng):
    """EXP, SQUARE, ABS and LOG in float32 (the converter leaves them unquantized)."""

    def f(x):
        y = max_pool(x)
        return max_pool(tf.math.log(tf.abs(y) + 0.1) + tf.square(y) * 0.25 - tf.exp(y * 0.3))

    return f


def island_space_batch(rng):
    """SPACE_TO_BATCH_ND with padding and BATCH_TO_SPACE_ND with crops in float32 (a dilated window unfused)."""

    def f(x):
        batched = tf.space_to_batch_nd(max_pool(x), [2, 3], [[1, 0], [2, 1]])
        return max_pool(tf.batch_to_space(batched * 1.5, [2, 3], [[0, 1], [1, 1]]))

    return f


def island_attention(rng):
    wq, wk, wv, wo = (weights(rng, 8, 8) for _ in range(4))

    def f(x):
        q, k, v = tf.tensordot(x, wq, 1), tf.tensordot(x, wk, 1), tf.tensordot(x, wv, 1)
        scores = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) * 0.35)
        # The int8 CONCATENATION gives the debugger a quantized operator to keep.
        return tf.concat([tf.tensordot(tf.matmul(scores, v), wo, 1), x], -1)

    return f


def island_softmax_output(rng):
    w = weights(rng, 1, 1, 4, 3)
    return lambda x: tf.nn.softmax(tf.nn.conv2d(x, w, 1, "VALID"))


def float_filter(model, op):
    return model.subgraphs[0].tensors[op.inputs[1]].type == schema.TensorType.FLOAT32


FLOAT_FILTER = "float32 filter"


def island_conv(rng):
    w1, b1 = weights(rng, 3, 3, 8, 36, scale=0.3), weights(rng, 36)
    w2, b2 = weights(rng, 3, 3, 36, 6, scale=0.2), weights(rng, 6)

    def f(x):
        y = tf.nn.relu6(tf.nn.conv2d(max_pool(x), w1, 2, "SAME") + b1)
        return tf.nn.conv2d(y, w2, 1, "VALID", dilations=2) + b2

    return f


def island_depthwise(rng):
    w1, b1 = weights(rng, 3, 3, 12, 3), weights(rng, 36)
    w2, b2 = weights(rng, 3, 3, 36, 1), weights(rng, 36)

    def f(x):
        y = tf.nn.relu(tf.nn.depthwise_conv2d(max_pool(x), w1, [1, 2, 2, 1], "SAME") + b1)
        return tf.nn.depthwise_conv2d(y, w2, [1, 1, 1, 1], "VALID", dilations=[2, 2]) + b2

    return f


def island_pool(rng):
    w = weights(rng, 1, 1, 6, 10)

    def f(x):
        y = tf.nn.conv2d(x, w, 1, "VALID")
        y = tf.nn.avg_pool2d(y * y, 3, 2, "SAME")
        y = tf.nn.avg_pool2d(tf.nn.max_pool2d(y, 3, 2, "SAME"), 2, 1, "VALID")
        return y * y

    return f


def island_resize_bilinear(rng):
    def f(x):
        y = tf.compat.v1.image.resize_bilinear(max_pool(x), (11, 9), align_corners=True)
        y = tf.compat.v1.image.resize_bilinear(y, (7, 13), half_pixel_centers=True)
        return tf.compat.v1.image.resize_bilinear(y, (9, 8))

    return f


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
    # TRANSPOSE, SLICE, SPLIT, SPLIT_V, UNPACK, DEPTH_TO_SPACE, SPACE_TO_DEPTH, RESIZE_NEAREST_NEIGHBOR,
    # RESIZE_BILINEAR, SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND, PADV2, MIRROR_PAD
    Case(
        "transpose_nchw_to_nhwc",
        "TRANSPOSE [0, 2, 3, 1] of a 1x3x9x10 NCHW input, as PyTorch-converted models start",
        (1, 3, 9, 10),
        fixed(lambda x: tf.transpose(x, [0, 2, 3, 1])),
        conv_ops("TRANSPOSE"),
    ),
    Case(
        "transpose_nhwc_to_nchw",
        "TRANSPOSE [0, 3, 1, 2] of a 1x7x9x5 input (the inverse permutation)",
        (1, 7, 9, 5),
        fixed(lambda x: tf.transpose(x, [0, 3, 1, 2])),
        conv_ops("TRANSPOSE"),
    ),
    Case(
        "transpose_5d",
        "TRANSPOSE [0, 3, 1, 4, 2] of a five-dimensional 1x2x3x4x5 input",
        (1, 2, 3, 4, 5),
        fixed(lambda x: tf.transpose(x, [0, 3, 1, 4, 2])),
        conv_ops("TRANSPOSE"),
    ),
    Case(
        "slice_box",
        "SLICE of a 1x6x7x8 input: begin (0, 1, 2, 3), size (1, 4, -1, 4)",
        (1, 6, 7, 8),
        fixed(lambda x: tf.slice(x, [0, 1, 2, 3], [1, 4, -1, 4])),
        conv_ops("SLICE"),
    ),
    Case(
        "split_channels",
        "SPLIT of 1x5x6x12 into three along the channels, concatenated back in another order",
        (1, 5, 6, 12),
        fixed(lambda x: (lambda a, b, c: tf.concat([c, a, b], 3))(*tf.split(x, 3, axis=3))),
        [("SPLIT", {"numSplits": 3}), ("CONCATENATION", {"axis": 3})],
    ),
    Case(
        "split_v_inferred_size",
        "SPLIT_V of 1x5x6x10 along the channels into sizes (2, -1, 3), concatenated back in another order",
        (1, 5, 6, 10),
        fixed(lambda x: (lambda a, b, c: tf.concat([c, a, b], 3))(*tf.split(x, [2, -1, 3], axis=3))),
        [("SPLIT_V", {"numSplits": 3}), ("CONCATENATION", {"axis": 3})],
    ),
    Case(
        "unpack_axis1",
        "UNPACK of 1x3x4x5 along axis 1 into three 1x4x5 tensors, concatenated back reversed along axis 2",
        (1, 3, 4, 5),
        fixed(lambda x: tf.concat(tf.unstack(x, axis=1)[::-1], 2)),
        [("UNPACK", {"num": 3, "axis": 1}), ("CONCATENATION", {"axis": 2})],
    ),
    Case(
        "depth_to_space_block2",
        "DEPTH_TO_SPACE block 2: 1x4x5x12 -> 1x8x10x3 (golden from the builtin kernel: the reference resolver "
        "registers only version 1, and the operation copies bytes)",
        (1, 4, 5, 12),
        fixed(lambda x: tf.nn.depth_to_space(x, 2)),
        conv_ops("DEPTH_TO_SPACE", blockSize=2),
        builtin_golden=True,
    ),
    Case(
        "space_to_depth_block2",
        "SPACE_TO_DEPTH block 2: 1x8x6x3 -> 1x4x3x12",
        (1, 8, 6, 3),
        fixed(lambda x: tf.nn.space_to_depth(x, 2)),
        conv_ops("SPACE_TO_DEPTH", blockSize=2),
    ),
    Case(
        "resize_nearest_x2",
        "RESIZE_NEAREST_NEIGHBOR 1x5x6x7 -> 1x10x12x7, no flags",
        (1, 5, 6, 7),
        fixed(lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, (10, 12))),
        conv_ops("RESIZE_NEAREST_NEIGHBOR", alignCorners=False, halfPixelCenters=False),
    ),
    Case(
        "resize_nearest_align_corners",
        "RESIZE_NEAREST_NEIGHBOR 1x5x6x7 -> 1x10x12x7 with align_corners",
        (1, 5, 6, 7),
        fixed(lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, (10, 12), align_corners=True)),
        conv_ops("RESIZE_NEAREST_NEIGHBOR", alignCorners=True, halfPixelCenters=False),
    ),
    Case(
        "resize_nearest_half_pixel",
        "RESIZE_NEAREST_NEIGHBOR 1x5x6x7 -> 1x11x9x7 with half_pixel_centers (odd, non-integer factors)",
        (1, 5, 6, 7),
        fixed(lambda x: tf.compat.v1.image.resize_nearest_neighbor(x, (11, 9), half_pixel_centers=True)),
        conv_ops("RESIZE_NEAREST_NEIGHBOR", alignCorners=False, halfPixelCenters=True),
    ),
    Case(
        "resize_bilinear_x2",
        "RESIZE_BILINEAR 1x5x6x20 -> 1x10x12x20, no flags (20 channels: one 16-lane block and a tail)",
        (1, 5, 6, 20),
        fixed(lambda x: tf.compat.v1.image.resize_bilinear(x, (10, 12))),
        conv_ops("RESIZE_BILINEAR", alignCorners=False, halfPixelCenters=False),
    ),
    Case(
        "resize_bilinear_align_corners_odd",
        "RESIZE_BILINEAR 1x5x6x7 -> 1x9x13x7 with align_corners",
        (1, 5, 6, 7),
        fixed(lambda x: tf.compat.v1.image.resize_bilinear(x, (9, 13), align_corners=True)),
        conv_ops("RESIZE_BILINEAR", alignCorners=True, halfPixelCenters=False),
    ),
    Case(
        "resize_bilinear_half_pixel_odd",
        "RESIZE_BILINEAR 1x5x6x17 -> 1x11x7x17 with half_pixel_centers (border rows weigh outside 0...1)",
        (1, 5, 6, 17),
        fixed(lambda x: tf.compat.v1.image.resize_bilinear(x, (11, 7), half_pixel_centers=True)),
        conv_ops("RESIZE_BILINEAR", alignCorners=False, halfPixelCenters=True),
    ),
    Case(
        "resize_bilinear_half_pixel_x2",
        "RESIZE_BILINEAR 1x6x5x8 -> 1x12x10x8 with half_pixel_centers (as Keras UpSampling2D bilinear)",
        (1, 6, 5, 8),
        fixed(lambda x: tf.compat.v1.image.resize_bilinear(x, (12, 10), half_pixel_centers=True)),
        conv_ops("RESIZE_BILINEAR", alignCorners=False, halfPixelCenters=True),
    ),
    Case(
        "space_to_batch_padded",
        "SPACE_TO_BATCH_ND block (2, 2), paddings ((1, 0), (0, 2)): 1x5x6x3 -> 4x3x4x3, padding the zero point",
        (1, 5, 6, 3),
        fixed(lambda x: tf.space_to_batch_nd(x, [2, 2], [[1, 0], [0, 2]])),
        conv_ops("SPACE_TO_BATCH_ND"),
    ),
    Case(
        "batch_to_space_cropped",
        "BATCH_TO_SPACE_ND block (2, 2), crops ((1, 0), (0, 1)): 4x3x4x3 -> 1x5x7x3",
        (4, 3, 4, 3),
        fixed(lambda x: tf.batch_to_space(x, [2, 2], [[1, 0], [0, 1]])),
        conv_ops("BATCH_TO_SPACE_ND"),
    ),
    Case(
        "padv2_constant",
        "PADV2 with constant value 0.5 (a quantized constant input): height (2, 1), width (0, 3)",
        (1, 5, 6, 7),
        fixed(lambda x: tf.pad(x, [[0, 0], [2, 1], [0, 3], [0, 0]], constant_values=0.5)),
        conv_ops("PADV2"),
    ),
    Case(
        "mirror_pad_reflect",
        "MIRROR_PAD REFLECT: height (2, 1), width (1, 3) on 1x5x6x7",
        (1, 5, 6, 7),
        fixed(lambda x: tf.pad(x, [[0, 0], [2, 1], [1, 3], [0, 0]], mode="REFLECT")),
        conv_ops("MIRROR_PAD", mode=schema.MirrorPadMode.REFLECT),
    ),
    Case(
        "mirror_pad_symmetric",
        "MIRROR_PAD SYMMETRIC: height (3, 2), width (2, 0) on 1x5x6x7",
        (1, 5, 6, 7),
        fixed(lambda x: tf.pad(x, [[0, 0], [3, 2], [2, 0], [0, 0]], mode="SYMMETRIC")),
        conv_ops("MIRROR_PAD", mode=schema.MirrorPadMode.SYMMETRIC),
    ),
    # RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, PRELU, TANH, GELU (standalone activations, int8 tables);
    # MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, NEG, RSQRT; ADD/SUB/MUL broadcast over the last axes; uint8 model
    # input and output (QUANTIZE uint8 <-> int8)
    Case(
        "relu_standalone",
        "RELU on the model input (nothing to fuse into), 1x5x5x7 over [-3, 3]",
        (1, 5, 5, 7),
        fixed(tf.nn.relu),
        conv_ops("RELU"),
        input_range=3.0,
    ),
    Case(
        "relu6_standalone",
        "RELU6 on the model input, 1x5x5x7 over [-8, 8]: both clamps",
        (1, 5, 5, 7),
        fixed(tf.nn.relu6),
        conv_ops("RELU6"),
        input_range=8.0,
    ),
    Case(
        "relu_n1_to_1",
        "RELU_N1_TO_1 (clip to [-1, 1]) on the model input, 1x5x5x7 over [-2, 2]",
        (1, 5, 5, 7),
        fixed(lambda x: tf.minimum(tf.maximum(x, -1.0), 1.0)),
        conv_ops("RELU_N1_TO_1"),
        input_range=2.0,
    ),
    Case(
        "leaky_relu_alpha_0_2",
        "LEAKY_RELU alpha 0.2, 1x5x5x7 over [-4, 4]",
        (1, 5, 5, 7),
        fixed(lambda x: tf.nn.leaky_relu(x, alpha=0.2)),
        conv_ops("LEAKY_RELU", alpha=np.float32(0.2)),
        input_range=4.0,
    ),
    Case(
        "prelu_per_channel",
        "PRELU (Keras PReLU shared over height and width: one slope per channel, 3 channels, so the slope "
        "pattern repeats across 16-lane vectors), 1x6x5x3",
        (1, 6, 5, 3),
        prelu((1, 6, 5, 3), shared_axes=[1, 2]),
        conv_ops("PRELU"),
        input_range=2.0,
    ),
    Case(
        "prelu_per_element",
        "PRELU without shared axes (one slope per element of 4x4x20), 1x4x4x20",
        (1, 4, 4, 20),
        prelu((1, 4, 4, 20)),
        conv_ops("PRELU"),
        input_range=2.0,
    ),
    Case(
        "tanh",
        "TANH on 1x4x8x8 over [-4, 4]; the golden input holds every int8 value once, so the whole table "
        "is checked on each architecture",
        (1, 4, 8, 8),
        fixed(tf.tanh),
        conv_ops("TANH"),
        input_range=4.0,
        every_byte_input=True,
    ),
    Case(
        "gelu",
        "GELU (erf form) on 1x4x8x8 over [-4, 4]; every int8 value once in the golden input",
        (1, 4, 8, 8),
        fixed(lambda x: tf.nn.gelu(x, approximate=False)),
        conv_ops("GELU", approximate=False),
        input_range=4.0,
        every_byte_input=True,
    ),
    Case(
        "gelu_approximate",
        "GELU (tanh approximation) on 1x4x8x8 over [-4, 4]; every int8 value once in the golden input",
        (1, 4, 8, 8),
        fixed(lambda x: tf.nn.gelu(x, approximate=True)),
        conv_ops("GELU", approximate=True),
        input_range=4.0,
        every_byte_input=True,
    ),
    Case(
        "maximum_constant",
        "MAXIMUM with a constant of the same shape, 1x4x4x6",
        (1, 4, 4, 6),
        binary(tf.maximum, (1, 4, 4, 6), NONE),
        conv_ops("MAXIMUM"),
    ),
    Case(
        "minimum_broadcast",
        "MINIMUM with a 1x4x1x6 constant broadcast along width, 1x4x5x6",
        (1, 4, 5, 6),
        binary(tf.minimum, (1, 4, 1, 6), NONE),
        conv_ops("MINIMUM"),
    ),
    Case(
        "squared_difference",
        "SQUARED_DIFFERENCE with a per-channel constant (6) broadcast, 1x4x4x6",
        (1, 4, 4, 6),
        binary(tf.math.squared_difference, (6,), NONE),
        conv_ops("SQUARED_DIFFERENCE"),
    ),
    Case(
        "neg",
        "NEG on 1x5x5x7 (the stored bytes negated; -128 wraps to -128). The converter leaves NEG in float, so "
        "this is the TANH model with its operator code replaced by NEG v1",
        (1, 5, 5, 7),
        fixed(tf.tanh),
        conv_ops("NEG"),
        rewrite=replace_operator(schema.BuiltinOperator.TANH, schema.BuiltinOperator.NEG, 1),
    ),
    Case(
        "rsqrt",
        "RSQRT of relu(x) + 0.25 (its input stays positive), 1x5x5x7 over [-4, 4]",
        (1, 5, 5, 7),
        fixed(lambda x: tf.math.rsqrt(tf.nn.relu(x) + 0.25)),
        [("RELU", {}), ("ADD", {}), ("RSQRT", {})],
        input_range=4.0,
    ),
    Case(
        "add_broadcast_channels",
        "ADD of a 1x1x1x24 constant to 1x5x6x24: broadcast over height and width (a bias over the last axis)",
        (1, 5, 6, 24),
        binary(tf.add, (1, 1, 1, 24), NONE),
        conv_ops("ADD"),
    ),
    Case(
        "mul_broadcast_width",
        "MUL by a 1x1x6x1 constant, 1x5x6x7: broadcast over height and channels",
        (1, 5, 6, 7),
        binary(tf.multiply, (1, 1, 6, 1), NONE),
        conv_ops("MUL"),
    ),
    Case(
        "add_broadcast_rank3",
        "ADD of a 6x1 constant to 1x4x6x9 (rank 2 against rank 4: broadcast over batch, height and channels)",
        (1, 4, 6, 9),
        binary(tf.add, (6, 1), NONE),
        conv_ops("ADD"),
    ),
    Case(
        "sub_broadcast_height",
        "SUB of a 1x5x1x1 constant from 1x5x4x18, RELU: broadcast over width and channels",
        (1, 5, 4, 18),
        binary(tf.subtract, (1, 5, 1, 1), RELU),
        conv_ops("SUB", fusedActivationFunction=RELU),
    ),
    Case(
        "uint8_input_output",
        "uint8 model input and output (inference_input_type and inference_output_type tf.uint8): QUANTIZE "
        "uint8 -> int8, MAX_POOL_2D 2x2, QUANTIZE int8 -> uint8",
        (1, 8, 8, 5),
        fixed(lambda x: tf.nn.max_pool2d(x, 2, 2, "VALID")),
        [("QUANTIZE", {}), ("MAX_POOL_2D", {"filterWidth": 2}), ("QUANTIZE", {})],
        uint8_input=True,
        uint8_output=True,
    ),
    # REDUCE_MAX, REDUCE_MIN, SUM, MEAN over the last axis, ARG_MAX, ARG_MIN, L2_NORMALIZATION, LOG_SOFTMAX,
    # BATCH_MATMUL, TRANSPOSE_CONV
    Case(
        "reduce_max_spatial_keepdims",
        "REDUCE_MAX over height and width of 1x5x6x7, keep_dims (output 1x1x1x7)",
        (1, 5, 6, 7),
        fixed(lambda x: tf.reduce_max(x, axis=[1, 2], keepdims=True)),
        conv_ops("REDUCE_MAX", keepDims=True),
    ),
    Case(
        "reduce_min_last_axis",
        "REDUCE_MIN over the last axis of 1x4x5x9, without keep_dims (output 1x4x5)",
        (1, 4, 5, 9),
        fixed(lambda x: tf.reduce_min(x, axis=-1)),
        conv_ops("REDUCE_MIN", keepDims=False),
    ),
    Case(
        "sum_spatial",
        "SUM over height and width of 1x4x5x6 (output 1x6, its own scale: the requantizing path). The golden "
        "input is drawn from [10, 40]: on int8 data LiteRT 2.3's reference SUM reads bytes as uint8 and clamps "
        "to [0, 255] (`QuantizedMeanOrSum<uint8_t>`), which agrees with the int8 arithmetic only where inputs "
        "and outputs are non-negative",
        (1, 4, 5, 6),
        fixed(lambda x: tf.reduce_sum(x, axis=[1, 2])),
        conv_ops("SUM", keepDims=False),
        golden_range=(10, 40),
    ),
    Case(
        "mean_last_axis_keepdims",
        "MEAN over the last axis of 1x4x5x9 with keep_dims (output 1x4x5x1), as layer normalisation does",
        (1, 4, 5, 9),
        fixed(lambda x: tf.reduce_mean(x, axis=-1, keepdims=True)),
        conv_ops("MEAN", keepDims=True),
    ),
    Case(
        "arg_max_int32",
        "ARG_MAX over the last axis of 1x4x5x9, int32 output (ties take the first index)",
        (1, 4, 5, 9),
        fixed(lambda x: tf.argmax(x, axis=-1, output_type=tf.int32)),
        conv_ops("ARG_MAX", outputType=schema.TensorType.INT32),
    ),
    Case(
        "arg_min_axis1_int32",
        "ARG_MIN over axis 1 of 1x6x4x5, int32 output",
        (1, 6, 4, 5),
        fixed(lambda x: tf.argmin(x, axis=1, output_type=tf.int32)),
        conv_ops("ARG_MIN", outputType=schema.TensorType.INT32),
    ),
    Case(
        "l2_normalization",
        "L2_NORMALIZATION over the last axis of 1x3x4x10 (output scale 1/128, zero point 0)",
        (1, 3, 4, 10),
        fixed(lambda x: tf.math.l2_normalize(x, axis=-1)),
        conv_ops("L2_NORMALIZATION"),
    ),
    Case(
        "log_softmax",
        "LOG_SOFTMAX over the last axis of 1x3x11 (output scale 16/256, zero point 127)",
        (1, 3, 11),
        fixed(tf.nn.log_softmax),
        conv_ops("LOG_SOFTMAX"),
        input_range=6.0,
    ),
    Case(
        "batch_matmul_constant_rhs",
        "BATCH_MATMUL of 1x2x5x8 by a constant 2x8x6 (batch dimensions broadcast)",
        (1, 2, 5, 8),
        binary(tf.matmul, (2, 8, 6), NONE),
        conv_ops("BATCH_MATMUL", adjX=False, adjY=False),
    ),
    Case(
        "batch_matmul_adj_y",
        "BATCH_MATMUL of 1x2x5x8 by itself transposed (adj_y): both operands are activations, 1x2x5x5 out",
        (1, 2, 5, 8),
        fixed(lambda x: tf.matmul(x, x, transpose_b=True)),
        conv_ops("BATCH_MATMUL", adjX=False, adjY=True),
    ),
    Case(
        "batch_matmul_adj_x",
        "BATCH_MATMUL of 1x3x7x5 transposed (adj_x) by itself: 1x3x5x5 out",
        (1, 3, 7, 5),
        fixed(lambda x: tf.matmul(x, x, transpose_a=True)),
        conv_ops("BATCH_MATMUL", adjX=True, adjY=False),
    ),
    Case(
        "transpose_conv_stride2_same_bias",
        "TRANSPOSE_CONV 3x3 stride 2 SAME with bias (Keras Conv2DTranspose), 4 -> 6 channels, 5x6 -> 10x12, "
        "per-channel weights",
        (1, 5, 6, 4),
        conv2d_transpose((1, 5, 6, 4), 6, 3, 2, "same", True),
        conv_ops("TRANSPOSE_CONV", padding=SAME, strideW=2, strideH=2),
        checks=[(0, weight_quantization("per-channel"), "per-channel weights")],
    ),
    Case(
        "transpose_conv_valid_no_bias",
        "TRANSPOSE_CONV 3x3 stride 1 VALID without bias (Keras Conv2DTranspose), 5 -> 7 channels, 6x5 -> 8x7",
        (1, 6, 5, 5),
        conv2d_transpose((1, 6, 5, 5), 7, 3, 1, "valid", False),
        conv_ops("TRANSPOSE_CONV", padding=VALID, strideW=1, strideH=1),
        checks=[(0, no_bias_transpose_conv, "no bias")],
    ),
    # Float islands: float32 ADD, SUB, MUL, DIV, SQUARED_DIFFERENCE, LOGISTIC, TANH, RELU, HARD_SWISH, RSQRT,
    # MEAN, SOFTMAX, FULLY_CONNECTED, BATCH_MATMUL between DEQUANTIZE and QUANTIZE
    Case(
        "float_island_swish_excite",
        "float island: swish (LOGISTIC, MUL) and squeeze-excitation (MEAN keep_dims, MUL by a per-channel "
        "constant, LOGISTIC, broadcast MUL) in float32 between int8 max pools",
        (1, 7, 7, 8),
        island_swish_excite,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("LOGISTIC", {}), ("MUL", {}), ("MEAN", {}),
         ("MUL", {}), ("LOGISTIC", {}), ("MUL", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=4.0,
        float_input=True,
        float_output=True,
        float_ops=["MUL", "LOGISTIC", "MEAN"],
    ),
    Case(
        "float_island_add_sub_div",
        "float island: ADD broadcasting a per-channel constant, DIV by an activation, SUB, ADD of a constant "
        "(LOGISTIC + 0.5 as the divisor)",
        (1, 7, 7, 8),
        island_add_sub_div,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("LOGISTIC", {}), ("ADD", {}), ("DIV", {}),
         ("ADD", {}), ("SUB", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=4.0,
        float_input=True,
        float_output=True,
        float_ops=["ADD", "SUB", "DIV", "LOGISTIC"],
    ),
    Case(
        "float_island_layer_norm",
        "float island: LayerNorm over the last axis (MEAN, SQUARED_DIFFERENCE, ADD epsilon, RSQRT, SUB, MUL, "
        "broadcast gain and offset) between int8 fully connected layers (per-tensor weights)",
        (1, 5, 16),
        island_layer_norm,
        [("QUANTIZE", {}), ("FULLY_CONNECTED", {}), ("DEQUANTIZE", {}), ("MEAN", {"keepDims": True}),
         ("SQUARED_DIFFERENCE", {}), ("MEAN", {}), ("ADD", {}), ("RSQRT", {}), ("SUB", {}), ("MUL", {}),
         ("MUL", {}), ("ADD", {}), ("QUANTIZE", {}), ("FULLY_CONNECTED", {}), ("DEQUANTIZE", {})],
        float_input=True,
        float_output=True,
        per_tensor=True,
        float_ops=["MEAN", "SQUARED_DIFFERENCE", "RSQRT", "SUB", "MUL", "ADD"],
    ),
    Case(
        "float_island_activations",
        "float island: TANH, RELU, MUL, SUB, HARD_SWISH and a MUL with fused RELU6, between int8 max pools",
        (1, 7, 7, 8),
        island_activations,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("TANH", {}), ("RELU", {}), ("MUL", {}),
         ("SUB", {}), ("HARD_SWISH", {}), ("MUL", {"fusedActivationFunction": RELU6}), ("QUANTIZE", {}),
         ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["TANH", "RELU", "RELU6", "HARD_SWISH", "MUL", "SUB", "ADD"],
    ),
    Case(
        "float_island_attention",
        "float island: single-head attention on 6 tokens: float FULLY_CONNECTED projections (float weights), "
        "BATCH_MATMUL with adj_y, MUL by a scale, SOFTMAX, BATCH_MATMUL; then an int8 CONCATENATION with the "
        "input",
        (1, 6, 8),
        island_attention,
        [("QUANTIZE", {}), ("FULLY_CONNECTED", {}), ("FULLY_CONNECTED", {}), ("BATCH_MATMUL", {"adjY": True}),
         ("MUL", {}), ("SOFTMAX", {}), ("FULLY_CONNECTED", {}), ("BATCH_MATMUL", {"adjY": False}),
         ("FULLY_CONNECTED", {}), ("QUANTIZE", {}), ("CONCATENATION", {}), ("DEQUANTIZE", {})],
        float_input=True,
        float_output=True,
        float_ops=["BATCH_MATMUL", "SOFTMAX", "MUL", "FULLY_CONNECTED"],
    ),
    Case(
        "float_island_softmax_output",
        "segmentation head: int8 1x1 CONV_2D, then DEQUANTIZE and a float32 SOFTMAX over 3 classes per pixel "
        "as the model's float32 output",
        (1, 6, 6, 4),
        island_softmax_output,
        [("QUANTIZE", {}), ("CONV_2D", {}), ("DEQUANTIZE", {}), ("SOFTMAX", {"beta": 1.0})],
        input_range=2.0,
        float_input=True,
        float_output=True,
        float_ops=["SOFTMAX"],
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
    # Float32 data movement and LEAKY_RELU in float islands: TRANSPOSE, SLICE, MIRROR_PAD, LEAKY_RELU
    Case(
        "float_island_data_movement",
        "float island: TRANSPOSE to NCHW, LEAKY_RELU (alpha 0.15), SLICE, MIRROR_PAD (REFLECT) and TRANSPOSE back "
        "to NHWC, in float32 between int8 max pools",
        (1, 6, 8, 8),
        island_data_movement,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("TRANSPOSE", {}), ("LEAKY_RELU", {}),
         ("SLICE", {}), ("MIRROR_PAD", {}), ("TRANSPOSE", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}),
         ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["TRANSPOSE", "LEAKY_RELU", "SLICE", "MIRROR_PAD"],
    ),
    # FULLY_CONNECTED rounding: LiteRT's reference requantizes in double (about 1 output in 1,000 differs from the
    # fixed-point multiplier by one), so these have thousands of outputs each
    Case(
        "fc_rounding_per_channel_tokens",
        "fully connected 64 -> 32 on 256 tokens (1x256x64, keep_num_dims), per-channel weights, bias: 8,192 outputs "
        "requantized as round(acc * inScale * filterScale[c] / outScale) in double, as LiteRT's reference does",
        (1, 256, 64),
        fully_connected(64, 32, True, NONE),
        conv_ops("FULLY_CONNECTED", keepNumDims=True),
        checks=[(0, weight_quantization("per-channel"), "per-channel weights")],
    ),
    Case(
        "fc_rounding_per_tensor_batch",
        "fully connected 64 -> 32 on a batch of 256 rows (256x64), per-tensor weights, bias: 8,192 outputs "
        "requantized in double",
        (256, 64),
        fully_connected(64, 32, True, NONE),
        conv_ops("FULLY_CONNECTED", fusedActivationFunction=NONE, keepNumDims=False),
        per_tensor=True,
        checks=[(0, weight_quantization("per-tensor"), "per-tensor weights")],
    ),
    # SPACE_TO_BATCH_ND -> CONV_2D -> BATCH_TO_SPACE_ND with batch None (shapes the file records as batch 1)
    Case(
        "dilated_conv_batch_none",
        "Keras Conv2D 3x3 dilation 2, SAME, with batch None: the converter leaves SPACE_TO_BATCH_ND -> CONV_2D -> "
        "BATCH_TO_SPACE_ND and records the batched tensors' batch as 1 (-1 in shape_signature), resolved at load to 4",
        (1, 12, 12, 4),
        keras_model((1, 12, 12, 4), lambda keras, x: keras.layers.Conv2D(6, 3, dilation_rate=2, padding="same")(x)),
        [("SPACE_TO_BATCH_ND", {}), ("CONV_2D", {}), ("BATCH_TO_SPACE_ND", {})],
    ),
    # NEG in a float island (the TF converter's LayerNormalization in a Keras ViT leaves it there)
    Case(
        "float_island_neg",
        "float island: NEG between int8 max pools",
        (1, 7, 7, 8),
        fixed(lambda x: max_pool(-max_pool(x))),
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("NEG", {}), ("QUANTIZE", {}),
         ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["NEG"],
    ),
    # Float32 PAD, PADV2, DEPTH_TO_SPACE, SPACE_TO_DEPTH, RESIZE_NEAREST_NEIGHBOR, GATHER, STRIDED_SLICE, PACK,
    # CONCATENATION, SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND in float islands
    Case(
        "float_island_pad_padv2",
        "float island: PAD with zeros (1, 2 rows; 0, 1 columns) and PADV2 with -0.75 (2, 0 rows; 1, 1 columns) in "
        "float32 between int8 max pools",
        (1, 6, 7, 8),
        island_pads,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("PAD", {}), ("PADV2", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["PAD", "PADV2"],
    ),
    Case(
        "float_island_space_depth_resize",
        "float island: DEPTH_TO_SPACE (block 2), RESIZE_NEAREST_NEIGHBOR to 15x9 with half-pixel centres, a "
        "STRIDED_SLICE to 14x8 and SPACE_TO_DEPTH (block 2), in float32 between int8 max pools",
        (1, 5, 6, 12),
        island_space_depth_resize,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("DEPTH_TO_SPACE", {"blockSize": 2}),
         ("RESIZE_NEAREST_NEIGHBOR", {"alignCorners": False, "halfPixelCenters": True}), ("STRIDED_SLICE", {}),
         ("SPACE_TO_DEPTH", {"blockSize": 2}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["DEPTH_TO_SPACE", "RESIZE_NEAREST_NEIGHBOR", "STRIDED_SLICE", "SPACE_TO_DEPTH"],
    ),
    Case(
        "float_island_gather_concat",
        "float island: GATHER of channels, STRIDED_SLICE of every other row, PACK of two rows, RESHAPE and "
        "CONCATENATION, in float32 between int8 max pools",
        (1, 5, 7, 8),
        island_gather_concat,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("GATHER", {"axis": -1}), ("STRIDED_SLICE", {}), ("STRIDED_SLICE", {}),
         ("STRIDED_SLICE", {}), ("PACK", {"axis": 1}), ("STRIDED_SLICE", {}), ("CONCATENATION", {"axis": -1}),
         ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["GATHER", "STRIDED_SLICE", "PACK", "RESHAPE", "CONCATENATION"],
    ),
    Case(
        "float_island_split_unpack",
        "float island: SPLIT in halves, SPLIT_V 3 + 5, UNPACK of the rows, PACK in reverse order, STRIDED_SLICE "
        "and CONCATENATION, in float32 between int8 max pools",
        (1, 7, 7, 8),
        island_split_unpack,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("SPLIT", {"numSplits": 2}), ("SPLIT_V", {"numSplits": 2}),
         ("UNPACK", {"num": 6, "axis": 1}), ("PACK", {"valuesCount": 6, "axis": 1}), ("STRIDED_SLICE", {}),
         ("CONCATENATION", {"axis": -1}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["SPLIT", "SPLIT_V", "UNPACK", "PACK", "STRIDED_SLICE", "CONCATENATION"],
    ),
    Case(
        "float_island_exp_square_abs_log",
        "float island: log(|x| + 0.1) + x^2 / 4 - exp(0.3 x) (ABS, ADD, LOG, SQUARE, MUL, EXP, SUB) in float32 "
        "between int8 max pools",
        (1, 7, 7, 8),
        island_exp_square_abs_log,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("ABS", {}), ("ADD", {}), ("LOG", {}), ("SQUARE", {}), ("MUL", {}),
         ("ADD", {}), ("MUL", {}), ("EXP", {}), ("SUB", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["ABS", "ADD", "LOG", "SQUARE", "MUL", "EXP", "SUB"],
    ),
    Case(
        "float_island_space_batch",
        "float island: SPACE_TO_BATCH_ND (block 2x3, paddings 1,0 and 2,1), MUL and BATCH_TO_SPACE_ND (crops 0,1 "
        "and 1,1) in float32 between int8 max pools",
        (1, 8, 7, 4),
        island_space_batch,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("SPACE_TO_BATCH_ND", {}), ("MUL", {}), ("BATCH_TO_SPACE_ND", {}), ("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["SPACE_TO_BATCH_ND", "MUL", "BATCH_TO_SPACE_ND"],
    ),
    # CONV_2D grouped with one input channel per group (ConvNeXt's 7x7 Conv2D(groups=channels))
    Case(
        "conv2d_grouped_depth1",
        "Keras Conv2D 3x3 groups=6 on 6 channels, 12 filters (two per group), SAME, stride 2, batch None: "
        "CONV_2D whose filter has depth 1 (a depthwise convolution with depth multiplier 2)",
        (1, 11, 10, 6),
        keras_model(
            (1, 11, 10, 6), lambda keras, x: keras.layers.Conv2D(12, 3, strides=2, padding="same", groups=6)(x)
        ),
        [("CONV_2D", {})],
        checks=[(0, lambda model, op: model.subgraphs[0].tensors[op.inputs[1]].shape[3] == 1, "filter depth 1")],
    ),
    # ABS, LOG (tables built at load) and EXPAND_DIMS (Keras Conv1D)
    Case(
        "abs_rescaled",
        "ABS on 1x4x8x8 over [-4, 4] (output scale half the input's: rescaled); every int8 value once",
        (1, 4, 8, 8),
        fixed(tf.abs),
        [("ABS", {})],
        input_range=4.0,
        every_byte_input=True,
    ),
    Case(
        "log_of_abs",
        "LOG of ABS plus 0.05 on 1x4x8x8 over [-4, 4]; every int8 value once",
        (1, 4, 8, 8),
        fixed(lambda x: tf.math.log(tf.abs(x) + 0.05)),
        [("ABS", {}), ("ADD", {}), ("LOG", {})],
        input_range=4.0,
        every_byte_input=True,
    ),
    Case(
        "conv1d_expand_dims",
        "Keras Conv1D (kernel 3, 6 -> 8 channels) on 1x20x6 with batch None: EXPAND_DIMS, CONV_2D and a RESHAPE",
        (1, 20, 6),
        keras_model((1, 20, 6), lambda keras, x: keras.layers.Conv1D(8, 3)(x)),
        [("EXPAND_DIMS", {}), ("CONV_2D", {}), ("RESHAPE", {})],
    ),
    # CONV_2D grouped with several input channels per group (ResNeXt, RegNet)
    Case(
        "conv2d_grouped_depth4",
        "Keras Conv2D 3x3 groups=3 on 12 channels, 9 filters (three per group, each reading 4 channels), SAME, "
        "RELU, batch None: CONV_2D whose filter has depth 4",
        (1, 9, 8, 12),
        keras_model(
            (1, 9, 8, 12),
            lambda keras, x: keras.layers.Conv2D(9, 3, padding="same", groups=3, activation="relu")(x),
        ),
        [("CONV_2D", {})],
        checks=[(0, lambda model, op: model.subgraphs[0].tensors[op.inputs[1]].shape[3] == 4, "filter depth 4")],
    ),
    # Float islands with float32 weights: CONV_2D, DEPTHWISE_CONV_2D, pools and RESIZE_BILINEAR in float32 (the
    # layers PyTorch's PT2E quantizer can leave unquantized)
    Case(
        "float_island_conv",
        "float island: CONV_2D with float32 weights and bias, 3x3 stride 2 SAME on an odd input with RELU6 "
        "(8 -> 36 channels), then 3x3 dilation 2 VALID (36 -> 6) as the float32 output, after an int8 max pool",
        (1, 18, 15, 8),
        island_conv,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}),
         ("CONV_2D", {"padding": SAME, "strideH": 2, "fusedActivationFunction": RELU6}),
         ("CONV_2D", {"padding": VALID, "dilationHFactor": 2, "fusedActivationFunction": NONE})],
        checks=[(3, float_filter, FLOAT_FILTER), (4, float_filter, FLOAT_FILTER)],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["CONV_2D"],
    ),
    Case(
        "float_island_depthwise",
        "float island: DEPTHWISE_CONV_2D with float32 weights and bias, 3x3 stride 2 SAME depth multiplier 3 with "
        "RELU (12 -> 36 channels), then 3x3 dilation 2 VALID multiplier 1 as the float32 output, after an int8 "
        "max pool",
        (1, 16, 15, 12),
        island_depthwise,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}),
         ("DEPTHWISE_CONV_2D", {"padding": SAME, "depthMultiplier": 3, "fusedActivationFunction": RELU}),
         ("DEPTHWISE_CONV_2D", {"padding": VALID, "dilationWFactor": 2, "fusedActivationFunction": NONE})],
        checks=[(3, float_filter, FLOAT_FILTER), (4, float_filter, FLOAT_FILTER)],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["DEPTHWISE_CONV_2D"],
    ),
    Case(
        "float_island_pool",
        "float island: AVERAGE_POOL_2D 3x3 stride 2 SAME (windows clipped at the border), MAX_POOL_2D 3x3 stride 2 "
        "SAME, AVERAGE_POOL_2D 2x2 VALID, between float32 MULs (squares) after an int8 1x1 convolution (10 "
        "channels); a float32 output",
        (1, 15, 14, 6),
        island_pool,
        [("QUANTIZE", {}), ("CONV_2D", {}), ("DEQUANTIZE", {}), ("MUL", {}), ("AVERAGE_POOL_2D", {"padding": SAME}),
         ("MAX_POOL_2D", {"padding": SAME}), ("AVERAGE_POOL_2D", {"padding": VALID}), ("MUL", {})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["MUL", "AVERAGE_POOL_2D", "MAX_POOL_2D"],
    ),
    Case(
        "float_island_resize_bilinear",
        "float island: RESIZE_BILINEAR with align_corners to 11x9, with half_pixel_centers to 7x13 (down and up), "
        "and plain to 9x8 as the float32 output, after an int8 max pool (12 channels)",
        (1, 7, 6, 12),
        island_resize_bilinear,
        [("QUANTIZE", {}), ("MAX_POOL_2D", {}), ("DEQUANTIZE", {}), ("RESIZE_BILINEAR", {"alignCorners": True}),
         ("RESIZE_BILINEAR", {"halfPixelCenters": True}),
         ("RESIZE_BILINEAR", {"alignCorners": False, "halfPixelCenters": False})],
        input_range=3.0,
        float_input=True,
        float_output=True,
        float_ops=["RESIZE_BILINEAR"],
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
    if case.per_tensor:
        converter._experimental_disable_per_channel = True
    if case.float_ops:
        return convert_with_float_ops(converter, calibration, case.float_ops)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.float32 if case.float_input else tf.int8
    converter.inference_output_type = tf.float32 if case.float_output else tf.int8
    if case.uint8_input:
        converter.inference_input_type = tf.uint8
    if case.uint8_output:
        converter.inference_output_type = tf.uint8
    if case.per_tensor:
        converter._experimental_disable_per_channel = True
    flatbuffer = converter.convert()
    return case.rewrite(flatbuffer) if case.rewrite else flatbuffer
    return converter.convert()


def convert_with_float_ops(converter, calibration, float_ops):
    """Selective quantization, as TensorFlow documents it: the quantization debugger's denylist keeps the named
    operators in float32, with a DEQUANTIZE before and a QUANTIZE after each float island (the shape of the
    islands PyTorch's PT2E quantizer leaves). The debugger converts with float32 model input and output."""
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8, tf.lite.OpsSet.TFLITE_BUILTINS]
    debugger = tf.lite.experimental.QuantizationDebugger(
        converter=converter,
        debug_dataset=lambda: ([sample] for sample in calibration),
        debug_options=tf.lite.experimental.QuantizationDebugOptions(denylisted_ops=float_ops),
    )
    return debugger.get_nondebug_quantized_model()


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
    resolver = OpResolverType.BUILTIN if case.builtin_golden else OpResolverType.BUILTIN_REF
    interpreter = Interpreter(model_path=str(path), experimental_op_resolver_type=resolver)
    interpreter.allocate_tensors()
    (input_detail,) = interpreter.get_input_details()
    rng = np.random.default_rng(case.seed + [1])
    if case.float_input:
        limit = 1.5 * case.input_range
        value = rng.uniform(-limit, limit, input_detail["shape"]).astype(np.float32)
    elif case.every_byte_input:
        value = np.arange(-128, 128, dtype=np.int8).reshape(input_detail["shape"])
    elif case.uint8_input:
        value = rng.integers(0, 256, input_detail["shape"], dtype=np.uint8)
    else:
        low, high = case.golden_range
        value = rng.integers(low, high + 1, input_detail["shape"], dtype=np.int8)
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
        "models (the second operand) are quantized constants with their own scale. The `float_island_*` models keep",
        "some operators in float32 between DEQUANTIZE and QUANTIZE, as PyTorch's PT2E quantizer does (selective",
        "quantization with the quantization debugger's denylist, `convert_with_float_ops`).",
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
    kind = {"int8": "i8", "uint8": "u8", "float32": "f32"}.get(array.dtype.name, array.dtype.name)
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
