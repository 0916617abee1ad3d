"""hqnn for Python. Builds the extension modules with the project's CMake (HQNN_PYTHON=ON, pybind11):

    /usr/bin/python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation --no-index ./python

Needs cmake, a C++17 compiler, Eigen, pybind11 and the Python headers (Debian: cmake g++ libeigen3-dev
pybind11-dev python3-dev; scripts/setup.sh --native installs them). hqnn.torch needs torch (python3-torch).
"""
import os
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # the project's top-level CMakeLists.txt


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures the project once (Release, no tests or benchmarks) and builds each module's target into place."""

    def build_extension(self, ext):
        out = os.path.dirname(os.path.abspath(self.get_ext_fullpath(ext.name)))
        build = os.path.join(os.path.abspath(self.build_temp), "cmake")
        os.makedirs(build, exist_ok=True)
        if not os.path.exists(os.path.join(build, "CMakeCache.txt")) or getattr(self, "_configured", None) != build:
            subprocess.check_call(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DHQNN_PYTHON=ON",
                                   "-DHQNN_BUILD_TESTS=OFF", "-DHQNN_BUILD_BENCH=OFF",
                                   f"-DPython_EXECUTABLE={sys.executable}", f"-DHQNN_PYTHON_OUTPUT_DIR={out}"])
            self._configured = build
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.check_call(["cmake", "--build", build, "--target", ext.name.split(".")[-1], "-j", jobs])


setup(
    name="hqnn",
    version="0.1.0",
    description="Hybrid quantum-inspired neural networks: the V chain kernel as PyTorch modules, and hqnn's runs",
    packages=["hqnn"],
    ext_modules=[CMakeExtension("hqnn._core32"), CMakeExtension("hqnn._core64")],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["numpy"],
    extras_require={"torch": ["torch>=1.13"]},
    zip_safe=False,
)
