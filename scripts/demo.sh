#!/usr/bin/env bash
# The main job: the seed's galaxy hands-on, short. Synthesizes galaxies into
# a Galaxy10-layout HDF5 file, trains the β-VAE on them (compiled by genc),
# analyses its latent space (morphology classifier, redshift regression,
# pixel-CNN baseline), trains the RealNVP-prior variant and a DCGAN,
# compares the three on the same sample measures, and points at the
# pictures. Then the compiled-artifact
# path: a C++ app built with find_package(genc) runs a genc-compiled model.
# A few minutes on 2 cores. GENC_DEMO_COUNT / GENC_DEMO_EPOCHS scale it up
# (the seed's full setup: 17736 images, 5 epochs).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${GENC_BUILD_DIR:-build}
OUT=${GENC_DEMO_DIR:-runs/demo}
COUNT=${GENC_DEMO_COUNT:-6000}
EPOCHS=${GENC_DEMO_EPOCHS:-5}
mkdir -p "$OUT"
Z=$BUILD/bin/genc-zoo
G=$BUILD/bin/genc

echo "== synthetic galaxies in the Galaxy10 DECaLS HDF5 layout"
$Z data synth --count "$COUNT" --image-size 64 --seed 0 --out "$OUT/galaxies.h5"
$Z data info "$OUT/galaxies.h5"
$Z data montage "$OUT/galaxies.h5" --out "$OUT/classes.png" --per-class 8

echo "== train the β-VAE (32x32, latent 16, batch 64, Adam 1e-3 with warm-up, β 0 -> 1 over 10 %)"
$Z vae train --data "$OUT/galaxies.h5" --count "$COUNT" --image-size 32 \
  --epochs "$EPOCHS" --out "$OUT/vae"

echo "== latent-space science: morphology and redshift from the latent means"
$Z vae analyze --run "$OUT/vae"

echo "== the seed's second variant: a RealNVP prior (4 coupling layers) on the latent"
$Z vae train --data "$OUT/galaxies.h5" --count "$COUNT" --image-size 32 \
  --epochs "$EPOCHS" --prior realnvp --out "$OUT/vae_realnvp"
$Z vae analyze --run "$OUT/vae_realnvp"

echo "== a DCGAN on the same galaxies, and the same measures for all three"
# GANs need more passes than the VAE to get going (5 epochs: FID worse than
# the baseline; 10 epochs: well below it, docs/STATUS.md).
$Z gan train --data "$OUT/galaxies.h5" --count "$COUNT" --image-size 32 \
  --epochs "$((2 * EPOCHS))" --out "$OUT/dcgan"
$Z gan eval --run "$OUT/dcgan"
$Z compare "$OUT/vae" "$OUT/vae_realnvp" "$OUT/dcgan" --out "$OUT/compare.png"

echo "== compiled artifact: genc compile -> shared library, loaded by an app via find_package(genc)"
$G compile examples/mlp.mlir -o "$OUT/mlp.so"
cmake --install "$BUILD" --prefix "$OUT/prefix" >/dev/null
cmake -G Ninja -S examples/aot_app -B "$OUT/app" -DCMAKE_PREFIX_PATH="$(cd "$OUT" && pwd)/prefix" >/dev/null
ninja -C "$OUT/app" >/dev/null
"$OUT/app/aot_app" "$OUT/mlp.so" main

cat <<MSG

Pictures and numbers of the run (open the PNGs):
  $OUT/classes.png               synthetic galaxies, one row per class
  $OUT/vae/loss.png, kl.png      training curves
  $OUT/vae/reconstructions.png   validation galaxies and their reconstructions
  $OUT/vae/samples.png           decoded prior samples
  $OUT/vae/latent.png            latent means (PCA) coloured by class
  $OUT/vae/confusion.png         morphology from the latent means
  $OUT/vae/redshift.png          redshift from the latent means (ridge)
  $OUT/vae/metrics.json, analysis.json
  $OUT/dcgan/loss.png, samples.png   the DCGAN's curves and samples
  $OUT/compare.png               VAE, RealNVP-prior VAE and DCGAN samples side by side
MSG
