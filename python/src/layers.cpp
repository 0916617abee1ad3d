// The layer-level part of the Python module, built twice: hqnn._core32 (float)
// and hqnn._core64 (double, HQNN_REAL_DOUBLE), for torch.autograd.gradcheck.
//
// Layout: Python passes (batch, n) C-contiguous arrays (PyTorch's layout); the
// core works on a column-major batch x n block (each amplitude contiguous over
// the batch). Every call transposes chunks of kChunk samples into a scratch
// block whose leading dimension kChunkStride is an odd number of cache lines
// (no cache-set aliasing for power-of-two batches), runs the core there and
// transposes the result into a NEW array: the caller's arrays are never
// written, whatever the batch (a (1, n) transpose is the same memory, which an
// in-place kernel would overwrite).
//
// Arrays of the wrong dtype or layout are a TypeError, never converted: a
// silent copy would hide a wrong precision or a wrong memory layout.
#include "module.hpp"

#include <algorithm>
#include <string>

#include "core/amplitude_encoding.hpp"
#include "core/circuit/circuit_compiler.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/circuit/circuit_qasm.hpp"
#include "core/givens_chain.hpp"

namespace hqnn::python {

namespace {

constexpr Index kChunk = 256, kChunkStride = kChunk + 16;
using RowMap = Eigen::Map<const RowMajorMatrix>;
using RowMapOut = Eigen::Map<RowMajorMatrix>;

const char* real_name() { return sizeof(Real) == 4 ? "float32" : "float64"; }

// A C-contiguous array of Real with `dims` dimensions, or TypeError / ValueError.
py::array_t<Real> checked(const py::handle& object, int dims, const char* what, const char* call) {
  if (!py::isinstance<py::array>(object))
    throw py::type_error(std::string(call) + ": " + what + " must be a numpy array of " + real_name() + ", got " +
                         std::string(py::str(py::type::of(object))));
  py::array a = py::reinterpret_borrow<py::array>(object);
  if (!a.dtype().is(py::dtype::of<Real>()))
    throw py::type_error(std::string(call) + ": " + what + " must be " + real_name() + ", got " +
                         std::string(py::str(a.dtype())) + " (convert it, or use the " +
                         (sizeof(Real) == 4 ? "float64" : "float32") + " build for that precision)");
  if (!(a.flags() & py::array::c_style))
    throw py::type_error(std::string(call) + ": " + what +
                         " must be C-contiguous (row-major); call numpy.ascontiguousarray or .contiguous() first");
  if (a.ndim() != dims)
    throw py::value_error(std::string(call) + ": " + what + " must have " + std::to_string(dims) + " dimension" +
                          (dims == 1 ? "" : "s") + ", got " + std::to_string(a.ndim()));
  return py::reinterpret_borrow<py::array_t<Real>>(a);
}

void check_width(Index n, const char* call) {
  if (n < 2) throw py::value_error(std::string(call) + ": a V chain needs n >= 2 amplitudes, got n = " + std::to_string(n));
}

void check_angles(const py::array_t<Real>& theta, Index n, const char* call) {
  if (theta.shape(0) != 2 * n - 3)
    throw py::value_error(std::string(call) + ": theta must hold 2n-3 = " + std::to_string(2 * n - 3) +
                          " angles for n = " + std::to_string(n) + ", got " + std::to_string(theta.shape(0)));
}

GivensGates gates_of(const py::array_t<Real>& theta) {
  GivensGates g;
  givens_rotation_gates(theta.data(), static_cast<int>(theta.shape(0)), g);
  return g;
}

py::array_t<Real> new_like(Index batch, Index n) {
  return py::array_t<Real>({static_cast<py::ssize_t>(batch), static_cast<py::ssize_t>(n)});
}

// y = U x for each row of x (batch, n).
py::array_t<Real> vchain_forward(const py::handle& x_obj, const py::handle& theta_obj) {
  const char* call = "vchain";
  const auto x = checked(x_obj, 2, "x", call);
  const auto theta = checked(theta_obj, 1, "theta", call);
  const Index batch = x.shape(0), n = x.shape(1);
  check_width(n, call);
  check_angles(theta, n, call);
  auto y = new_like(batch, n);
  const Real* xp = x.data();
  Real* yp = y.mutable_data();
  const GivensGates gates = gates_of(theta);
  {
    py::gil_scoped_release release;
    Matrix block(kChunkStride, n);
    for (Index begin = 0; begin < batch; begin += kChunk) {
      const Index rows = std::min(kChunk, batch - begin);
      block.topRows(rows) = RowMap(xp + begin * n, rows, n);
      givens_chain_forward(gates, static_cast<int>(n), block.data(), rows, kChunkStride);
      RowMapOut(yp + begin * n, rows, n) = block.topRows(rows);
    }
  }
  return y;
}

// From y = U x and dL/dy: (dL/dx, dL/dθ). The chain is inverted gate by gate
// from y (no stored intermediate states, givens_chain.hpp).
py::tuple vchain_backward(const py::handle& y_obj, const py::handle& grad_obj, const py::handle& theta_obj) {
  const char* call = "vchain backward";
  const auto y = checked(y_obj, 2, "y", call);
  const auto grad = checked(grad_obj, 2, "grad", call);
  const auto theta = checked(theta_obj, 1, "theta", call);
  const Index batch = y.shape(0), n = y.shape(1);
  check_width(n, call);
  check_angles(theta, n, call);
  if (grad.shape(0) != batch || grad.shape(1) != n) throw py::value_error("vchain backward: grad must have y's shape");
  auto grad_x = new_like(batch, n);
  py::array_t<Real> grad_theta(static_cast<py::ssize_t>(2 * n - 3));
  std::fill(grad_theta.mutable_data(), grad_theta.mutable_data() + 2 * n - 3, Real(0));
  const Real *yp = y.data(), *gp = grad.data();
  Real *gxp = grad_x.mutable_data(), *gtp = grad_theta.mutable_data();
  const GivensGates gates = gates_of(theta);
  {
    py::gil_scoped_release release;
    Matrix state(kChunkStride, n), g(kChunkStride, n);
    for (Index begin = 0; begin < batch; begin += kChunk) {
      const Index rows = std::min(kChunk, batch - begin);
      state.topRows(rows) = RowMap(yp + begin * n, rows, n);
      g.topRows(rows) = RowMap(gp + begin * n, rows, n);
      givens_chain_backward(gates, static_cast<int>(n), state.data(), g.data(), gtp, rows, kChunkStride);
      RowMapOut(gxp + begin * n, rows, n) = g.topRows(rows);
    }
  }
  return py::make_tuple(grad_x, grad_theta);
}

// ψ₀ = x / ‖x‖ per row (Eq. 6); an all-zero or non-finite row gives the uniform state.
py::array_t<Real> encode_forward(const py::handle& x_obj) {
  const auto x = checked(x_obj, 2, "x", "amplitude_encode");
  const Index batch = x.shape(0), n = x.shape(1);
  if (n < 1) throw py::value_error("amplitude_encode: x needs at least one column");
  auto y = new_like(batch, n);
  const Real* xp = x.data();
  Real* yp = y.mutable_data();
  {
    py::gil_scoped_release release;
    AmplitudeEncoding enc(n);
    Matrix in, out;
    for (Index begin = 0; begin < batch; begin += kChunk) {
      const Index rows = std::min(kChunk, batch - begin);
      in = RowMap(xp + begin * n, rows, n);
      enc.forward(in, out);
      RowMapOut(yp + begin * n, rows, n) = out;
    }
  }
  return y;
}

py::array_t<Real> encode_backward(const py::handle& x_obj, const py::handle& grad_obj) {
  const auto x = checked(x_obj, 2, "x", "amplitude_encode backward");
  const auto grad = checked(grad_obj, 2, "grad", "amplitude_encode backward");
  const Index batch = x.shape(0), n = x.shape(1);
  if (grad.shape(0) != batch || grad.shape(1) != n) throw py::value_error("amplitude_encode backward: grad must have x's shape");
  auto grad_x = new_like(batch, n);
  const Real *xp = x.data(), *gp = grad.data();
  Real* gxp = grad_x.mutable_data();
  {
    py::gil_scoped_release release;
    AmplitudeEncoding enc(n);
    Matrix in, out, g, dx;
    for (Index begin = 0; begin < batch; begin += kChunk) {
      const Index rows = std::min(kChunk, batch - begin);
      in = RowMap(xp + begin * n, rows, n);
      g = RowMap(gp + begin * n, rows, n);
      enc.forward(in, out);
      enc.backward(g, dx);
      RowMapOut(gxp + begin * n, rows, n) = dx;
    }
  }
  return grad_x;
}

}  // namespace

// OpenQASM 2.0 of one layer's V chain from its angles (circuit_compiler.hpp).
std::string layer_qasm(const std::vector<double>& angles, int n, const std::string& label,
                       const std::vector<std::string>& header) {
  if (n < 2) throw py::value_error("to_qasm: n must be at least 2");
  if (static_cast<int>(angles.size()) != 2 * n - 3)
    throw py::value_error("to_qasm: expected 2n-3 = " + std::to_string(2 * n - 3) + " angles");
  std::vector<std::string> lines = header;
  lines.push_back("one V layer, n = " + std::to_string(n) + " amplitudes: amplitude k is |k>, q[0] the least significant bit; "
                  "amplitudes n.. stay 0");
  return write_openqasm({{label, lower_to_qelib1(compile_givens_chain(angles, n))}}, lines);
}

void bind_layers(py::module_& m) {
  m.attr("real") = real_name();
  m.def("vchain_forward", &vchain_forward, py::arg("x"), py::arg("theta"),
        "y = U(theta) x for each row of x (batch, n); a new array, x is not written");
  m.def("vchain_backward", &vchain_backward, py::arg("y"), py::arg("grad"), py::arg("theta"),
        "(dL/dx, dL/dtheta) from the forward output y and dL/dy");
  m.def("encode_forward", &encode_forward, py::arg("x"), "amplitude encoding of each row (Eq. 6)");
  m.def("encode_backward", &encode_backward, py::arg("x"), py::arg("grad"), "dL/dx of the amplitude encoding");
  m.def("layer_qasm", &layer_qasm, py::arg("angles"), py::arg("n"), py::arg("label") = "U",
        py::arg("header") = std::vector<std::string>{}, "OpenQASM 2.0 of one V chain (qelib1.inc x, cx, ry)");
}

}  // namespace hqnn::python
