"""The numpy-level layers: agreement with the references, no writes into inputs, power-of-two batches, bad arrays."""
import numpy as np
import pytest

import hqnn
from conftest import vchain_dense, vchain_loop


@pytest.mark.parametrize("n", [2, 3, 5, 16, 64])
def test_vchain_float64_equals_the_plain_loop_and_the_dense_product(n):
    rng = np.random.default_rng(n)
    x = rng.normal(size=(7, n))
    theta = rng.uniform(-np.pi, np.pi, 2 * n - 3)
    y = hqnn.vchain(x, theta)
    assert np.max(np.abs(y - vchain_loop(x, theta))) < 1e-12
    assert np.max(np.abs(y - x @ vchain_dense(theta, n).T)) < 1e-12


def test_vchain_float32_is_the_float64_result_rounded():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(33, 16))
    theta = rng.uniform(-np.pi, np.pi, 29)
    y32 = hqnn.vchain(x.astype(np.float32), theta.astype(np.float32))
    assert y32.dtype == np.float32
    assert np.max(np.abs(y32 - hqnn.vchain(x, theta))) < 1e-5


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_batch_of_one_leaves_the_input_unwritten(dtype):
    # (1, n) and its transpose share memory: an in-place kernel on the transpose would overwrite x
    x = np.arange(1, 6, dtype=dtype).reshape(1, 5)
    before = x.copy()
    theta = np.full(7, 0.3, dtype=dtype)
    y = hqnn.vchain(x, theta)
    assert np.array_equal(x, before)
    assert not np.shares_memory(x, y)
    assert np.max(np.abs(y - vchain_loop(before, theta))) < 1e-5


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_power_of_two_batch_gives_the_same_rows_as_its_neighbour(dtype):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(1040, 64)).astype(dtype)
    theta = rng.uniform(-np.pi, np.pi, 125).astype(dtype)
    assert np.array_equal(hqnn.vchain(x[:1024], theta), hqnn.vchain(x, theta)[:1024])
    assert np.array_equal(hqnn.amplitude_encode(x[:1024]), hqnn.amplitude_encode(x)[:1024])


def test_amplitude_encode_normalises_and_maps_zero_to_uniform():
    x = np.array([[3.0, 4.0], [0.0, 0.0]])
    assert np.allclose(hqnn.amplitude_encode(x), [[0.6, 0.8], [2 ** -0.5, 2 ** -0.5]], atol=1e-15)


@pytest.mark.parametrize("bad, message", [
    (np.zeros((4, 3), dtype=np.int64), "float32 or float64"),
    (np.zeros((4, 3), dtype=np.float16), "float32 or float64"),
    ([[1.0, 2.0, 3.0]], "float32 or float64"),
])
def test_wrong_dtype_is_a_type_error(bad, message):
    with pytest.raises(TypeError, match=message):
        hqnn.vchain(bad, np.zeros(3))


def test_bad_layouts_and_shapes_are_refused():
    x = np.zeros((8, 4), dtype=np.float32)
    theta = np.zeros(5, dtype=np.float32)
    with pytest.raises(TypeError, match="C-contiguous"):
        hqnn.vchain(np.asfortranarray(x), theta)
    with pytest.raises(TypeError, match="C-contiguous"):
        hqnn.vchain(x[:, ::2], np.zeros(1, dtype=np.float32))
    with pytest.raises(TypeError, match="theta must be float32, got float64"):
        hqnn.vchain(x, theta.astype(np.float64))
    with pytest.raises(ValueError, match="2n-3 = 5 angles"):
        hqnn.vchain(x, np.zeros(4, dtype=np.float32))
    with pytest.raises(ValueError, match="n >= 2"):
        hqnn.vchain(np.zeros((3, 1), dtype=np.float32), np.zeros(0, dtype=np.float32))
    with pytest.raises(ValueError, match="2 dimensions"):
        hqnn.vchain(np.zeros(4, dtype=np.float32), theta)


def test_empty_batch_gives_an_empty_result():
    assert hqnn.vchain(np.zeros((0, 4)), np.zeros(5)).shape == (0, 4)
