// Shared by the sources of the Python module (hqnn._core32 / hqnn._core64).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "core/real.hpp"

namespace py = pybind11;

namespace hqnn::python {

void bind_layers(py::module_& m);
void bind_runs(py::module_& m);  // float build only

}  // namespace hqnn::python
