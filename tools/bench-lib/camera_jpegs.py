"""Seeded camera-like JPEGs for the side-by-side benchmark (tools/bench-vs-python): a smear-like scene (pale
background, stained cells, a few darker inclusions) blurred as by optics, with per-pixel Gaussian sensor noise,
saved at JPEG quality 90. The noise is what gives the files a camera's entropy (~125 KB at 1024x768); flat colour
would compress to a few kilobytes and make decoding unrealistically cheap.

Every file is a different crop of one larger noisy scene, so that no two files are alike (both daemons hash
them) while only one scene is drawn per folder. Same seed, same files."""

import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SEED = 20261204
QUALITY = 90
# Standard deviation of the sensor noise, in 8-bit levels.
NOISE = 3.6
# How far crops may move, in pixels: 64 x 64 distinct positions.
MARGIN = 64


def scene(width, height, generator, rng):
    """A blurred smear-like picture of WIDTHxHEIGHT with sensor noise, as a uint8 array."""
    image = Image.new("RGB", (width, height), (236, 214, 220))
    draw = ImageDraw.Draw(image)
    scale = max(1, width // 1024)
    for _ in range(width * height // (4000 * scale * scale)):
        x, y = generator.randrange(width), generator.randrange(height)
        r = generator.randrange(8, 22) * scale
        shade = generator.randrange(-25, 25)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(200 + shade, 120 + shade, 140 + shade))
        if generator.random() < 0.05:
            draw.ellipse((x - 4 * scale, y - 4 * scale, x + 4 * scale, y + 4 * scale), fill=(90, 40, 120))
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.2 * scale)), dtype=np.float32)
    pixels += rng.normal(0, NOISE, pixels.shape).astype(np.float32)
    return np.clip(pixels, 0, 255).astype(np.uint8)


def make(folder, count, width, height):
    """Writes COUNT JPEGs of WIDTHxHEIGHT into FOLDER (capture_00000.jpg, …) unless a complete set is there;
    returns their paths."""
    folder = Path(folder)
    marker = folder / ".complete"
    files = [folder / f"capture_{index:05}.jpg" for index in range(count)]
    if marker.exists():
        return files
    folder.mkdir(parents=True, exist_ok=True)
    generator = random.Random(SEED)
    pixels = scene(width + MARGIN, height + MARGIN, generator, np.random.default_rng(SEED))
    for index, file in enumerate(files):
        dx, dy = index % MARGIN, (index // MARGIN) % MARGIN
        crop = pixels[dy : dy + height, dx : dx + width]
        if index >= MARGIN * MARGIN:  # beyond the distinct crops: mirror, so that files still differ
            crop = crop[:, ::-1]
        Image.fromarray(np.ascontiguousarray(crop)).save(file, quality=QUALITY)
    marker.write_text(f"seed {SEED}, quality {QUALITY}, noise {NOISE}\n")
    return files
