"""What tools/bench-size, bench-idle, bench-pipeline, bench-forward, bench-inference and measure-arena share: the
binaries under measurement, a model card, a config, and a daemon started on a capture folder and stopped with
SIGTERM."""

import os
import platform
import re
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_CARD = ROOT / "models/demo/model.conf"
# Until the demo model exists: a suite model with a card written here (10 classes, two of them findings).
SUITE_MODEL = ROOT / "models/suite/mobilenet_v2_0.35_96.tflite"


def device_binary(arch=None):
    """The device build for ARCH (default: this machine's), built with cross/build if missing."""
    arch = arch or platform.machine()
    path = ROOT / "build/device" / arch / "edgediag"
    if not path.exists():
        subprocess.run([ROOT / "cross/build", arch], check=True)
    return path


def existing_binary():
    """$EDGEDIAG, else the device build of this machine's architecture (what ships), else the hosted release
    build, without building either."""
    if "EDGEDIAG" in os.environ:
        return Path(os.environ["EDGEDIAG"])
    device = ROOT / "build/device" / platform.machine() / "edgediag"
    return device if device.exists() else ROOT / ".build/release/edgediag"


def hosted_release_binary():
    """The hosted release build (`swift build -c release`), built if missing."""
    path = ROOT / ".build/release/edgediag"
    if not path.exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "edgediag"], cwd=ROOT, check=True)
    return path


def model_card(work):
    """The demo model's card when the tree has it, else a card for SUITE_MODEL written into WORK."""
    if DEMO_CARD.exists():
        return DEMO_CARD
    import hashlib

    model = Path(work) / "model.tflite"
    model.write_bytes(SUITE_MODEL.read_bytes())
    card = Path(work) / "model.conf"
    card.write_text(
        f"""[model]
name = suite-mobilenet
version = 1.0.0
file = model.tflite
sha256 = {hashlib.sha256(model.read_bytes()).hexdigest()}
input_range = -1..1
crop = center-crop
colour = rgb
[labels]
names = c0, c1, c2, c3, c4, c5, c6, c7, c8, c9
findings = c3, c7
[thresholds]
c3 = 0.3
c7 = 0.5
[policy]
uncertain_margin = 0.2
"""
    )
    return card


def card_value(card, name):
    """The value of the first `NAME = value` line of a card."""
    for line in Path(card).read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == name:
            return value.strip()
    raise SystemExit(f"{card}: has no {name}")


def card_model(card):
    """The .tflite file a card names."""
    return Path(card).parent / card_value(card, "file")


def inspect(binary, model):
    """`model inspect`'s totals: {'macs': …, 'weight bytes': …, 'arena bytes': …}."""
    text = subprocess.run([binary, "model", "inspect", model], capture_output=True, text=True, check=True).stdout
    return {key: int(value) for key, value in re.findall(r"^(macs|weight bytes|arena bytes): (\d+)", text, re.M)}


def write_config(work, card, workers=0, state=None, extra=""):
    """WORK/edgediag.conf: captures in WORK/capture, state in STATE (default WORK/state; both created), then
    EXTRA (more sections) verbatim."""
    work = Path(work)
    state = Path(state or work / "state")
    (work / "capture").mkdir(exist_ok=True)
    state.mkdir(parents=True, exist_ok=True)
    config = work / "edgediag.conf"
    config.write_text(
        f"""[capture]
directory = {work / 'capture'}
[model]
card = {card}
[workers]
count = {workers}
[state]
directory = {state}
{extra}"""
    )
    return config


def proc_status(pid, name="status"):
    """/proc/PID/NAME (status or smaps_rollup) as {key: value}; sizes (VmRSS, Rss…) in kB as ints."""
    fields = {}
    for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        fields[key] = int(value.split()[0]) if value.endswith(" kB") else value
    return fields


def resident_by_mapping(pid):
    """[(file or [anon]/[heap]/[stack], resident kB)] from /proc/PID/smaps, largest first."""
    resident = {}
    name = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if not parts[0].endswith(":"):  # a mapping's header: range perms offset dev inode [path]
            name = parts[5] if len(parts) > 5 else "[anon]"
        elif parts[0] == "Rss:":
            resident[name] = resident.get(name, 0) + int(parts[1])
    return sorted(resident.items(), key=lambda item: -item[1])


def cpu_seconds(pid):
    """User and system CPU time of PID (all its threads), in seconds, from /proc/PID/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "; field 14 (utime) is index 11
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / ticks, int(fields[12]) / ticks


class Daemon:
    """`BINARY run --config CONFIG`, logging to stderr (WORK/daemon.log), from start until ready to stop."""

    def __init__(self, binary, config, log):
        self.log = Path(log)
        self.process = subprocess.Popen(
            [binary, "run", "--config", config],
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
            env={**os.environ, "EDGEDIAG_LOG": "stderr"},
        )
        self.pid = self.process.pid

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "edgediag ready" in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        self.stop()
        raise SystemExit(f"the daemon did not get ready:\n{self.log.read_text(errors='replace')}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=60)
        if status != 0:
            raise SystemExit(f"the daemon exited with status {status}:\n{self.log.read_text(errors='replace')}")

    def __enter__(self):
        return self

    def __exit__(self, *error):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def mib(kib):
    return f"{kib / 1024:.2f} MiB"
