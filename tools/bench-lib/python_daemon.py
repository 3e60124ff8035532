#!/usr/bin/env python3
"""A plain Python capture daemon, the yardstick of tools/bench-vs-python: what a straightforward implementation
of edgediag's job looks like with the usual libraries.

Watches CAPTURE with inotify (IN_CLOSE_WRITE, IN_MOVED_TO; the files already there are taken at start), and for
each *.jpg: reads it, SHA-256 (hashlib), decodes with Pillow in draft mode (libjpeg-turbo's DCT scaling down to
at least the model's input), centre-crops and resizes to the input (bilinear), quantizes, runs LiteRT (XNNPACK,
one thread per worker) and appends one JSON line to LEDGER, fsync'd before the next capture's line. Tells the
service manager READY=1 through $NOTIFY_SOCKET once the model is loaded and the watch is set. SIGTERM stops it.

Usage: python_daemon.py --capture DIR --ledger FILE --model MODEL.tflite [--workers N] [--finding-threshold T]
"""

import argparse
import ctypes
import hashlib
import io
import json
import os
import queue
import signal
import socket
import struct
import threading
import time

import numpy as np
from ai_edge_litert.interpreter import Interpreter
from PIL import Image

IN_CLOSE_WRITE = 0x8
IN_MOVED_TO = 0x80
EVENT = struct.Struct("iIII")


def notify(state):
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect("\0" + address[1:] if address.startswith("@") else address)
        sock.send(state.encode())


def watch(folder, found):
    """Puts the path of every JPEG closed after writing or moved into FOLDER on FOUND, forever."""
    libc = ctypes.CDLL(None, use_errno=True)
    descriptor = libc.inotify_init1(os.O_CLOEXEC)
    if descriptor < 0 or libc.inotify_add_watch(descriptor, folder.encode(), IN_CLOSE_WRITE | IN_MOVED_TO) < 0:
        raise OSError(ctypes.get_errno(), "inotify")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jpg") and not name.startswith("."):
            found.put(os.path.join(folder, name))
    return descriptor


def events(descriptor, folder, found):
    while True:
        data = os.read(descriptor, 65536)
        offset = 0
        while offset < len(data):
            _, _, _, length = EVENT.unpack_from(data, offset)
            name = data[offset + EVENT.size : offset + EVENT.size + length].rstrip(b"\0").decode()
            offset += EVENT.size + length
            if name.endswith(".jpg") and not name.startswith("."):
                found.put(os.path.join(folder, name))


class Ledger:
    """One JSON line per capture, fsync'd before the call returns."""

    def __init__(self, path):
        self.file = open(path, "a", buffering=1)
        self.lock = threading.Lock()

    def record(self, entry):
        line = json.dumps(entry) + "\n"
        with self.lock:
            self.file.write(line)
            self.file.flush()
            os.fsync(self.file.fileno())


class Worker(threading.Thread):
    def __init__(self, model, found, ledger, threshold):
        super().__init__(daemon=True)
        self.interpreter = Interpreter(model_path=model, num_threads=1)
        self.interpreter.allocate_tensors()
        self.input = self.interpreter.get_input_details()[0]
        self.output = self.interpreter.get_output_details()[0]
        _, self.height, self.width, _ = self.input["shape"]
        self.found, self.ledger, self.threshold = found, ledger, threshold

    def classify(self, data):
        image = Image.open(io.BytesIO(data))
        image.draft("RGB", (self.width, self.height))
        image = image.convert("RGB")
        side = min(image.size)
        left, top = (image.width - side) // 2, (image.height - side) // 2
        image = image.resize((self.width, self.height), Image.BILINEAR, box=(left, top, left + side, top + side))
        scale, zero = self.input["quantization"]
        values = np.asarray(image, dtype=np.float32) / 255.0
        quantized = np.clip(np.round(values / scale) + zero, -128, 127).astype(self.input["dtype"])
        self.interpreter.set_tensor(self.input["index"], quantized[np.newaxis])
        self.interpreter.invoke()
        scale, zero = self.output["quantization"]
        return (self.interpreter.get_tensor(self.output["index"])[0].astype(np.float32) - zero) * scale

    def run(self):
        while True:
            path = self.found.get()
            entry = {"path": path, "time": time.time()}
            try:
                with open(path, "rb") as file:
                    data = file.read()
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                scores = self.classify(data)
                entry["scores"] = [round(float(score), 4) for score in scores]
                entry["outcome"] = "finding" if scores[-1] >= self.threshold else "negative"
            except Exception as error:  # a bad file is a rejected capture, never a stopped daemon
                entry["outcome"], entry["reason"] = "rejected", str(error)
            self.ledger.record(entry)


def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("--capture", required=True)
    arguments.add_argument("--ledger", required=True)
    arguments.add_argument("--model", required=True)
    arguments.add_argument("--workers", type=int, default=os.cpu_count())
    arguments.add_argument("--finding-threshold", type=float, default=0.5)
    options = arguments.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    found = queue.Queue()
    ledger = Ledger(options.ledger)
    workers = [Worker(options.model, found, ledger, options.finding_threshold) for _ in range(options.workers)]
    descriptor = watch(options.capture, found)
    for worker in workers:
        worker.start()
    notify("READY=1")
    events(descriptor, options.capture, found)


if __name__ == "__main__":
    main()
