#!/usr/bin/env python3
"""Which requantization LiteRT's reference FULLY_CONNECTED (int8) uses, measured: Keras Dense 32 -> 16 models
(per-channel and per-tensor weights, two seeds each), 300 random int8 inputs each through BUILTIN_REF, every
output compared with three formulas on the exact int32 accumulator:
  double               round(acc * (inScale * filterScale / outScale)) in double, half away from zero
  fixed_double_mult    the fixed-point multiplier of that double (TFLite's MultiplyByQuantizedMultiplier)
  fixed_float_product  the fixed-point multiplier of the Float product (what edgediag does today)
Prints the mismatch count of each. Seen with TensorFlow 2.21.0 and ai-edge-litert 2.3.0: `double` 0 of 4800
on all four models, the fixed-point forms 2-6 of 4800. Needs: pip install tensorflow-cpu ai-edge-litert.
Run: python3 models/suite/check-fc-rounding.py
"""
import os, math
os.environ["TF_CPP_MIN_LOG_LEVEL"]="3"
import numpy as np, tensorflow as tf
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from tensorflow.lite.python import schema_py_generated as schema

def qm(m):
    if m == 0: return 0, 0
    frac, shift = math.frexp(m)
    q = int(round_half_away(frac * (1 << 31)))
    if q == 1 << 31: q //= 2; shift += 1
    if shift < -31: return 0, 0
    return q, shift
def round_half_away(x): return math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)
def srdhm(a, b):
    if a == b == -2**31: return 2**31-1
    ab = a*b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    s = ab + nudge
    return (abs(s) >> 31) * (1 if s >= 0 else -1)  # truncating division by 2^31
def rdbp(x, e):
    mask = (1 << e) - 1
    rem = x & mask
    thr = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> e) + (1 if rem > thr else 0)
def mbqm(x, q, shift):
    l = max(shift, 0); r = max(-shift, 0)
    return rdbp(srdhm(x * (1 << l), q), r)

def build(per_tensor, seed, units=16, depth=32):
    rng = np.random.default_rng(seed)
    inp = tf.keras.Input((depth,), batch_size=1)
    d = tf.keras.layers.Dense(units)
    out = d(inp)
    model = tf.keras.Model(inp, out)
    d.set_weights([rng.normal(0, 1, (depth, units)).astype(np.float32) * rng.uniform(0.05, 2, units).astype(np.float32), rng.normal(0, .3, units).astype(np.float32)])
    conv = tf.lite.TFLiteConverter.from_keras_model(model)
    cal = [rng.uniform(-1, 1, (1, depth)).astype(np.float32) for _ in range(16)]
    conv.representative_dataset = lambda: ([c] for c in cal)
    conv.optimizations = [tf.lite.Optimize.DEFAULT]
    conv.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    conv.inference_input_type = tf.int8; conv.inference_output_type = tf.int8
    if per_tensor: conv._experimental_disable_per_channel = True
    return conv.convert()

def check(buf, trials=300, seed=0):
    m = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(buf, 0))
    sg = m.subgraphs[0]; op = sg.operators[0]
    T = sg.tensors
    inT, wT, bT, oT = T[op.inputs[0]], T[op.inputs[1]], T[op.inputs[2]], T[op.outputs[0]]
    W = np.frombuffer(bytes(m.buffers[wT.buffer].data), np.int8).reshape(wT.shape).astype(np.int64)
    B = np.frombuffer(bytes(m.buffers[bT.buffer].data), np.int32).astype(np.int64)
    si, zi = float(inT.quantization.scale[0]), int(inT.quantization.zeroPoint[0])
    so, zo = float(oT.quantization.scale[0]), int(oT.quantization.zeroPoint[0])
    sw = [float(s) for s in wT.quantization.scale]
    print("filter scales", len(sw))
    it = Interpreter(model_content=buf, experimental_op_resolver_type=OpResolverType.BUILTIN_REF); it.allocate_tensors()
    rng = np.random.default_rng(seed)
    stats = {"double": 0, "fixed_double_mult": 0, "fixed_float_product": 0}
    n = 0
    for _ in range(trials):
        x = rng.integers(-128, 128, inT.shape).astype(np.int8)
        it.set_tensor(it.get_input_details()[0]["index"], x); it.invoke()
        y = it.get_tensor(it.get_output_details()[0]["index"]).reshape(-1)
        acc = (W @ (x.reshape(-1).astype(np.int64) - zi)) + B
        for c in range(len(acc)):
            s = sw[c if len(sw) > 1 else 0]
            a = int(acc[c])
            eff = np.float64(np.float32(si)) * np.float64(np.float32(s)) / np.float64(np.float32(so))
            r1 = round_half_away(a * float(eff))
            q, sh = qm(float(eff)); r2 = mbqm(a, q, sh)
            eff3 = float(np.float64(np.float32(si) * np.float32(s))) / so
            q3, sh3 = qm(eff3); r3 = mbqm(a, q3, sh3)
            cl = lambda v: max(-128, min(127, v + zo))
            n += 1
            for k, r in (("double", r1), ("fixed_double_mult", r2), ("fixed_float_product", r3)):
                if cl(r) != int(y[c]): stats[k] += 1
    print("outputs", n, "mismatches", stats)

if __name__ == "__main__":
    for pt in (False, True):
        for seed in (1, 2):
            print("per_tensor", pt, "seed", seed)
            check(build(pt, seed))
