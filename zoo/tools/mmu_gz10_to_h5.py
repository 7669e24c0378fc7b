#!/usr/bin/env python3
"""Convert the MultimodalUniverse ``gz10`` parquet files to the Galaxy10
DECaLS HDF5 layout that genc's zoo reads (zoo/data/README.md).

Input: one or more parquet files (or folders of them) of the MultimodalUniverse
``gz10`` data set (config ``gz10_rgb_images``, 17,736 rows) with the columns

    gz10_label       int32     Galaxy10 class 0..9
    redshift         float32   (-0.000124 ... 1.442)
    object_id        string
    rgb_image        PNG bytes of a 256x256 RGB image (or {"bytes": ...})
    rgb_pixel_scale  float32   arcsec/px, 0.262 or 0.524

Output (HDF5, written to OUT.tmp-<pid> and renamed):

    images    (N, H, W, 3) uint8, one image per chunk, gzip 4
    ans       (N,) uint8
    redshift  (N,) float64
    ra, dec   (N,) float64, NaN (not among the gz10 columns)
    pxscale   (N,) float64, arcsec per pixel of the written images

Rows are kept as they are (genc's reader applies its own NaN/negative
redshift policy); a row whose image cannot be decoded, whose label is not
0..9 or whose image size differs from the first row's is skipped and
counted. With --size S the images are area-averaged to S x S (PIL's box
filter) and pxscale is multiplied by W / S.

Requirements (not installed by genc; use a virtual environment):

    python3 -m venv ~/venv-gz10 && ~/venv-gz10/bin/pip install pyarrow h5py pillow numpy

Usage:

    python3 zoo/tools/mmu_gz10_to_h5.py path/to/gz10/*.parquet -o gz10.h5
    python3 zoo/tools/mmu_gz10_to_h5.py path/to/gz10/ -o gz10_64.h5 --size 64
    build/bin/genc-zoo data info gz10.h5
"""

import argparse
import io
import os
import sys


def fail(message):
    print(f"mmu_gz10_to_h5: {message}", file=sys.stderr)
    sys.exit(1)


try:
    import h5py
    import numpy as np
    import pyarrow.parquet as pq
    from PIL import Image
except ImportError as e:  # pragma: no cover - depends on the user's setup
    fail(f"{e.name} is missing; install with: pip install pyarrow h5py pillow numpy")

REQUIRED = ["gz10_label", "redshift", "rgb_image", "rgb_pixel_scale"]


def parquet_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)
                          if n.endswith(".parquet")]
        elif os.path.isfile(p):
            files.append(p)
        else:
            fail(f"{p}: no such file or directory")
    if not files:
        fail("no parquet files given")
    return sorted(files)


def png_bytes(value):
    if isinstance(value, dict):  # Hugging Face Image feature: {"bytes", "path"}
        value = value.get("bytes")
    return value


def decode(value, size):
    data = png_bytes(value)
    if data is None:
        raise ValueError("no image bytes")
    img = Image.open(io.BytesIO(data)).convert("RGB")
    if size:
        if size > min(img.size):
            raise ValueError(f"cannot downsample {img.size} to {size}")
        native = img.size[0]
        img = img.resize((size, size), Image.BOX)
        return np.asarray(img, dtype=np.uint8), native / size
    return np.asarray(img, dtype=np.uint8), 1.0


def convert(files, out, size, batch_rows):
    tmp = f"{out}.tmp-{os.getpid()}"
    kept = 0
    skipped = {}
    shape = None
    try:
        with h5py.File(tmp, "w") as h5:
            images = ans = z = px = None
            for path in files:
                pf = pq.ParquetFile(path)
                names = pf.schema_arrow.names
                missing = [c for c in REQUIRED if c not in names]
                if missing:
                    fail(f"{path}: missing column(s) {', '.join(missing)} "
                         f"(found {', '.join(names)})")
                for batch in pf.iter_batches(batch_size=batch_rows, columns=REQUIRED):
                    cols = batch.to_pydict()
                    rows_img, rows_ans, rows_z, rows_px = [], [], [], []
                    for label, redshift, image, scale in zip(
                            cols["gz10_label"], cols["redshift"],
                            cols["rgb_image"], cols["rgb_pixel_scale"]):
                        if label is None or not 0 <= int(label) <= 9:
                            skipped["label not in 0..9"] = skipped.get("label not in 0..9", 0) + 1
                            continue
                        try:
                            pixels, factor = decode(image, size)
                        except Exception as e:  # noqa: BLE001 - any decode problem
                            key = f"undecodable image ({type(e).__name__})"
                            skipped[key] = skipped.get(key, 0) + 1
                            continue
                        if shape is None:
                            shape = pixels.shape
                        elif pixels.shape != shape:
                            key = f"image size {pixels.shape[:2]} != {shape[:2]}"
                            skipped[key] = skipped.get(key, 0) + 1
                            continue
                        rows_img.append(pixels)
                        rows_ans.append(int(label))
                        rows_z.append(np.nan if redshift is None else float(redshift))
                        rows_px.append(np.nan if scale is None else float(scale) * factor)
                    if not rows_img:
                        continue
                    if images is None:
                        h, w, _ = shape
                        images = h5.create_dataset(
                            "images", shape=(0, h, w, 3), maxshape=(None, h, w, 3),
                            dtype="uint8", chunks=(1, h, w, 3),
                            compression="gzip", compression_opts=4)
                        ans = h5.create_dataset("ans", shape=(0,), maxshape=(None,),
                                                dtype="uint8", chunks=True)
                        z = h5.create_dataset("redshift", shape=(0,), maxshape=(None,),
                                              dtype="float64", chunks=True)
                        px = h5.create_dataset("pxscale", shape=(0,), maxshape=(None,),
                                               dtype="float64", chunks=True)
                    n = len(rows_img)
                    for ds in (images, ans, z, px):
                        ds.resize(kept + n, axis=0)
                    images[kept:kept + n] = np.stack(rows_img)
                    ans[kept:kept + n] = rows_ans
                    z[kept:kept + n] = rows_z
                    px[kept:kept + n] = rows_px
                    kept += n
                    print(f"\r{kept} rows", end="", file=sys.stderr, flush=True)
            print("", file=sys.stderr)
            if kept == 0:
                fail("no usable rows" + (f" ({skipped})" if skipped else ""))
            nan = np.full(kept, np.nan)
            h5.create_dataset("ra", data=nan)
            h5.create_dataset("dec", data=nan)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    print(f"wrote {kept} rows ({shape[0]}x{shape[1]}) to {out}")
    for reason, count in skipped.items():
        print(f"skipped {count} rows: {reason}")


def main():
    parser = argparse.ArgumentParser(
        description="MultimodalUniverse gz10 parquet -> Galaxy10 DECaLS HDF5 "
                    "(the layout genc's zoo reads).")
    parser.add_argument("inputs", nargs="+", help="parquet files or folders")
    parser.add_argument("-o", "--out", required=True, help="output .h5 file")
    parser.add_argument("--size", type=int, default=0,
                        help="area-average images to SIZE x SIZE (0 = keep)")
    parser.add_argument("--batch-rows", type=int, default=256,
                        help="rows decoded at a time (memory bound)")
    args = parser.parse_args()
    if args.size < 0:
        fail("--size must be >= 0")
    convert(parquet_files(args.inputs), args.out, args.size, args.batch_rows)


if __name__ == "__main__":
    main()
