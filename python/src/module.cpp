// hqnn._core32 (float core + runs) and hqnn._core64 (double core, layers only).
// An InputError (bad input a user can fix) becomes hqnn.InputError, a ValueError; the
// translator is local to each module (the float and the double module both define hqnn::InputError).
#include "core/input_error.hpp"
#include "module.hpp"

PYBIND11_MODULE(HQNN_PY_MODULE, m) {
  m.doc() = "hqnn's C++ core (see the hqnn package)";
  static py::exception<hqnn::InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_local_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const hqnn::InputError& e) {
      PyErr_SetString(input_error.ptr(), e.what());
    }
  });
  hqnn::python::bind_layers(m);
#ifndef HQNN_REAL_DOUBLE
  hqnn::python::bind_runs(m);
#endif
}
