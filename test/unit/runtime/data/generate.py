#!/usr/bin/env python3
"""Regenerates the small .npy fixtures of the runtime tests (needs numpy).

Run from this directory: python3 generate.py
The tests only read the committed files; numpy is not needed to run them.
"""
import numpy as np

np.save("f32_2x3.npy", (np.arange(6, dtype="<f4") * 0.5 - 1).reshape(2, 3))
np.save("f64_3.npy", np.array([1.5, -2.25, 1e300], dtype="<f8"))
np.save("f16_4.npy", np.array([0.5, -1.0, 65504.0, 0.1], dtype="<f2"))
np.save("i32_2x2.npy", np.array([[1, -2], [2147483647, -2147483648]], "<i4"))
np.save("i64_scalar.npy", np.array(-7, dtype="<i8"))
np.save("bool_5.npy", np.array([True, False, True, True, False]))
np.save("i8_3.npy", np.array([-128, 0, 127], dtype="i1"))
np.save("u8_2x2x2.npy", (np.arange(8, dtype="u1") * 30).reshape(2, 2, 2))
np.save("f32_0x4.npy", np.zeros((0, 4), dtype="<f4"))
np.save("f32_fortran_2x3.npy",
        np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
np.save("i32_fortran_2x3x2.npy",
        np.asfortranarray(np.arange(12, dtype="<i4").reshape(2, 3, 2)))
np.save("f32_big_endian.npy", np.array([1.0, 2.0], dtype=">f4"))
np.save("c64_unsupported.npy", np.array([1 + 2j], dtype="<c8"))
for version in (2, 3):
    with open(f"f32_v{version}.npy", "wb") as f:
        np.lib.format.write_array(f, np.array([[1.0, 2.0]], dtype="<f4"),
                                  version=(version, 0))
