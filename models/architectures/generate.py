#!/usr/bin/env python3
"""Generates edgediag's whole-architecture set: standard Keras applications and hand-built nets (a U-Net, a
DeepLab-style net, a two-block ViT, a pre-activation CNN: `architectures()`) with random weights at 96x96, batch
None (so the converter emits its dynamic-batch shape chains), converted to full-integer int8 with a seeded
representative dataset, each with a seeded random input and the output of LiteRT's reference kernels
(BUILTIN_REF), the golden that edgediag must match bit for bit.

Run by developers, not CI, from anywhere:  python3 models/architectures/generate.py [NAME…]
Needs: pip install tensorflow-cpu ai-edge-litert   (the versions of models/suite/README.md)
Writes NAME.tflite, NAME.input.npy, NAME.output.npy (NAME.output0.npy, … for several outputs): the `applications`
into this folder, the `large_applications` (megabytes each, not committed) into build/architectures/keras/, which
KerasArchitectureTests checks when present. Converting is CPU-heavy: name one model at a time on a shared machine.

Each model's operators are printed, with those edgediag does not implement yet (`SUPPORTED`, read from
README's "Supported operators"); the tests run every model present whose operators are all supported.
"""

import hashlib
import os
import re
import sys
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from ai_edge_litert.interpreter import Interpreter, OpResolverType  # noqa: E402

FOLDER = Path(__file__).resolve().parent
LARGE_FOLDER = FOLDER.parent.parent / "build" / "architectures" / "keras"
SEED = 20250102
SIZE = 96
CLASSES = 10
CALIBRATION_SAMPLES = 16

# Operators edgediag implements: the first column of README.md's "Supported operators" table.
SUPPORTED = set(
    re.findall(r"^\| `([A-Z0-9_]+)` \|", (FOLDER.parent.parent / "README.md").read_text(), flags=re.M)
)


def recalibrate(model, rng):
    """Random weights with untouched batch-norm statistics let the signal decay or explode through a deep
    network. Layer by layer on a seeded batch, each batch norm gets its input's per-channel mean and the mean of
    its per-channel variances, then small random gains (0.3 to 0.6) and random offsets (standard deviation 1),
    as models/suite/generate.py does for MobileNetV2. Last, a final dense or 1x1 convolution classifier is
    scaled so that its logits spread (standard deviation 4)."""
    import keras

    batch = rng.uniform(-1.0, 1.0, (8, SIZE, SIZE, 3)).astype(np.float32)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            values = np.asarray(keras.Model(model.inputs, layer.input)(batch))
            axes = tuple(range(values.ndim - 1))
            channels = values.shape[-1]
            layer.moving_mean.assign(values.mean(axis=axes))
            layer.moving_variance.assign(np.full(channels, values.var(axis=axes).mean(), np.float32))
            if layer.gamma is not None:  # InceptionV3's batch norms have no scale
                layer.gamma.assign(rng.uniform(0.3, 0.6, channels).astype(np.float32))
            if layer.beta is not None:
                layer.beta.assign(rng.normal(0.0, 1.0, channels).astype(np.float32))
    head = [layer for layer in model.layers if isinstance(layer, (keras.layers.Dense, keras.layers.Conv2D))][-1]
    logits = np.asarray(keras.Model(model.inputs, head.output)(batch))
    head.kernel.assign(head.kernel * (4.0 / max(float(np.std(logits)), 1e-6)))
    return model


def application(constructor, **options):
    def build(rng):
        import keras

        keras.backend.clear_session()
        keras.utils.set_random_seed(int(rng.integers(2**31)))
        model = constructor(input_shape=(SIZE, SIZE, 3), weights=None, classes=CLASSES, **options)
        return recalibrate(model, rng)

    return build


def applications():
    import keras

    apps = keras.applications
    return {
        "mobilenet_v1_0.25_96": application(apps.MobileNet, alpha=0.25),
        "mobilenet_v3_small_96": application(apps.MobileNetV3Small, include_preprocessing=False),
        "efficientnet_b0_96": application(apps.EfficientNetB0, include_top=True),
    }


def large_applications():
    """The rest of the standard Keras applications a device maker brings, each at 96x96 (every one accepts it;
    Xception needs at least 71, InceptionV3 75)."""
    import keras

    apps = keras.applications
    return {
        "mobilenet_v3_large_96": application(apps.MobileNetV3Large, include_preprocessing=False),
        "efficientnet_v2_b0_96": application(apps.EfficientNetV2B0, include_preprocessing=False),
        "xception_96": application(apps.Xception),
        "nasnet_mobile_96": application(apps.NASNetMobile),
        "convnext_tiny_96": application(apps.ConvNeXtTiny, include_preprocessing=False),
        "resnet50_96": application(apps.ResNet50),
        "resnet50_v2_96": application(apps.ResNet50V2),
        "densenet121_96": application(apps.DenseNet121),
        "inception_v3_96": application(apps.InceptionV3),
    }


# Hand-built architectures besides the applications: segmentation (transposed convolution, nearest and bilinear
# resizes, dilated convolutions), a transformer and a pre-activation CNN, small enough to commit.
def hand_built(layers_of):
    """A model of `layers_of(keras, inputs)`'s output, seeded and recalibrated like the applications."""

    def build(rng):
        import keras

        keras.backend.clear_session()
        keras.utils.set_random_seed(int(rng.integers(2**31)))
        inputs = keras.Input((SIZE, SIZE, 3))
        return recalibrate(keras.Model(inputs, layers_of(keras, inputs)), rng)

    return build


def conv_bn_relu(keras, x, filters, **options):
    x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, **options)(x)
    return keras.layers.ReLU()(keras.layers.BatchNormalization()(x))


def unet(keras, x):
    """Two levels down, up by a transposed convolution then by a nearest resize, with skip concatenations."""
    top = conv_bn_relu(keras, x, 8)
    middle = conv_bn_relu(keras, keras.layers.MaxPooling2D()(top), 16)
    bottom = conv_bn_relu(keras, keras.layers.MaxPooling2D()(middle), 24)
    up = keras.layers.Conv2DTranspose(16, 3, strides=2, padding="same")(bottom)
    up = conv_bn_relu(keras, keras.layers.Concatenate()([up, middle]), 16)
    # Keras 3's UpSampling2D repeats (TILE); a nearest resize is RESIZE_NEAREST_NEIGHBOR.
    up = keras.layers.Lambda(lambda p: tf.image.resize(p, (SIZE, SIZE), method="nearest"))(up)
    up = conv_bn_relu(keras, keras.layers.Concatenate()([up, top]), 8)
    return keras.layers.Conv2D(2, 1)(up)


def deeplab(keras, x):
    """Stride-4 features, atrous branches (dilation 2 and 4) and an image-pooling branch, then bilinear resizes:
    align_corners (tf.compat.v1) back to the features, half_pixel_centers (tf.image.resize) to the input size."""
    features = conv_bn_relu(keras, x, 8, strides=2)
    features = conv_bn_relu(keras, features, 16, strides=2)
    branches = [conv_bn_relu(keras, features, 8, dilation_rate=rate) for rate in (2, 4)]
    pooled = keras.layers.GlobalAveragePooling2D(keepdims=True)(features)
    pooled = keras.layers.Conv2D(8, 1, activation="relu")(pooled)
    side = SIZE // 4
    pooled = keras.layers.Lambda(
        lambda p: tf.compat.v1.image.resize_bilinear(p, (side, side), align_corners=True)
    )(pooled)
    x = conv_bn_relu(keras, keras.layers.Concatenate()(branches + [pooled]), 16)
    x = keras.layers.Lambda(
        lambda p: tf.compat.v1.image.resize_bilinear(p, (side * 2, side * 2), align_corners=True)
    )(x)
    x = keras.layers.Lambda(lambda p: tf.image.resize(p, (SIZE, SIZE), method="bilinear"))(x)
    return keras.layers.Conv2D(2, 1)(x)


def vit(keras, x):
    """12x12 patches embedded in 32 channels, two pre-norm blocks (two-head attention, GELU MLP), mean token."""
    patches = SIZE // 12
    x = keras.layers.Conv2D(32, 12, strides=12)(x)
    x = keras.layers.Reshape((patches * patches, 32))(x)
    for _ in range(2):
        y = keras.layers.LayerNormalization(epsilon=1e-6)(x)
        x = keras.layers.Add()([x, keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(y, y)])
        y = keras.layers.LayerNormalization(epsilon=1e-6)(x)
        y = keras.layers.Dense(32)(keras.layers.Dense(64, activation="gelu")(y))
        x = keras.layers.Add()([x, y])
    x = keras.layers.GlobalAveragePooling1D()(keras.layers.LayerNormalization(epsilon=1e-6)(x))
    return keras.layers.Dense(CLASSES)(x)


def preactivation(keras, x):
    """Pre-activation residual blocks: batch norm, then LeakyReLU, PReLU (one slope per channel) or tanh, then
    the convolution; a residual add around each block."""
    x = keras.layers.Conv2D(16, 3, strides=2, padding="same")(x)
    activations = [
        lambda: keras.layers.LeakyReLU(negative_slope=0.1),
        lambda: keras.layers.PReLU(shared_axes=[1, 2]),
        lambda: keras.layers.Activation("tanh"),
    ]
    for activation in activations:
        y = activation()(keras.layers.BatchNormalization()(x))
        x = keras.layers.Add()([x, keras.layers.Conv2D(16, 3, padding="same")(y)])
    x = keras.layers.LeakyReLU(negative_slope=0.1)(keras.layers.BatchNormalization()(x))
    return keras.layers.Dense(CLASSES)(keras.layers.GlobalAveragePooling2D()(x))


def architectures():
    return {
        "unet_96": hand_built(unet),
        "deeplab_96": hand_built(deeplab),
        "vit_2block_96": hand_built(vit),
        "preactivation_cnn_96": hand_built(preactivation),
    }


def convert(name, build):
    rng = np.random.default_rng([SEED, zlib.crc32(name.encode())])
    tf.random.set_seed(int(rng.integers(2**31)))
    model = build(rng)
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    calibration = [rng.uniform(-1.0, 1.0, (1, SIZE, SIZE, 3)).astype(np.float32) for _ in range(CALIBRATION_SAMPLES)]
    converter.representative_dataset = lambda: ([sample] for sample in calibration)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    return converter.convert(), rng


def golden(path, rng):
    interpreter = Interpreter(model_path=str(path), experimental_op_resolver_type=OpResolverType.BUILTIN_REF)
    interpreter.allocate_tensors()
    (detail,) = interpreter.get_input_details()
    value = rng.integers(-128, 128, detail["shape"], dtype=np.int8)
    interpreter.set_tensor(detail["index"], value)
    interpreter.invoke()
    return value, [interpreter.get_tensor(d["index"]) for d in interpreter.get_output_details()]


def main():
    only = set(sys.argv[1:])
    models = [(FOLDER, name, build) for name, build in {**applications(), **architectures()}.items()]
    models += [(LARGE_FOLDER, name, build) for name, build in large_applications().items()]
    for folder, name, build in models:
        if only and name not in only:
            continue
        flatbuffer, rng = convert(name, build)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.tflite"
        path.write_bytes(flatbuffer)
        value, outputs = golden(path, rng)
        np.save(folder / f"{name}.input.npy", value)
        if len(outputs) == 1:
            np.save(folder / f"{name}.output.npy", outputs[0])
        else:
            for index, output in enumerate(outputs):
                np.save(folder / f"{name}.output{index}.npy", output)
        ops = [op["op_name"] for op in Interpreter(model_path=str(path))._get_ops_details()]
        counts = {}
        for op in ops:
            counts[op] = counts.get(op, 0) + 1
        missing = sorted(set(ops) - SUPPORTED)
        digest = hashlib.sha256(flatbuffer).hexdigest()[:12]
        print(f"{name}: {len(flatbuffer)} bytes, sha256 {digest}")
        print("  operators: " + ", ".join(f"{op} x{count}" for op, count in counts.items()))
        print("  unsupported: " + (", ".join(missing) if missing else "none"))


if __name__ == "__main__":
    main()
