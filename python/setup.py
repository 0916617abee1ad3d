"""hqnn for Python. Builds the extension modules with the project's CMake (HQNN_PYTHON=ON, pybind11):

    /usr/bin/python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation --no-index ./python

Needs cmake, a C++17 compiler, Eigen, pybind11 and the Python headers (Debian: cmake g++ libeigen3-dev
pybind11-dev python3-dev; scripts/setup.sh --native installs them). hqnn.torch needs torch (python3-torch).

HQNN_CMAKE_BUILD_DIR=DIR takes the modules from an already configured build of the project with HQNN_PYTHON=ON
(e.g. build-native after `cmake --preset release`): they are built there if out of date and copied into the package,
instead of configuring a second build and compiling the core again.
"""
import os
import re
import shutil
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
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        if os.environ.get("HQNN_CMAKE_BUILD_DIR"):
            self.copy_from_build_tree(ext, os.path.abspath(os.environ["HQNN_CMAKE_BUILD_DIR"]), jobs)
            return
        out = os.path.dirname(os.path.abspath(self.get_ext_fullpath(ext.name)))
        build = os.path.join(os.path.abspath(self.build_temp), "cmake")
        os.makedirs(build, exist_ok=True)
        if not os.path.exists(os.path.join(build, "CMakeCache.txt")) or getattr(self, "_configured", None) != build:
            subprocess.check_call(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DHQNN_PYTHON=ON",
                                   "-DHQNN_BUILD_TESTS=OFF", "-DHQNN_BUILD_BENCH=OFF",
                                   f"-DPython_EXECUTABLE={sys.executable}", f"-DHQNN_PYTHON_OUTPUT_DIR={out}"])
            self._configured = build
        subprocess.check_call(["cmake", "--build", build, "--target", ext.name.split(".")[-1], "-j", jobs])

    def copy_from_build_tree(self, ext, build, jobs):
        """Builds the module's target in an existing tree (a no-op when it is up to date) and copies the module."""
        cache = os.path.join(build, "CMakeCache.txt")
        if not os.path.exists(cache):
            sys.exit(f"setup.py: HQNN_CMAKE_BUILD_DIR={build} is not a configured CMake build "
                     "(configure it first, e.g. cmake --preset release, or unset HQNN_CMAKE_BUILD_DIR)")
        with open(cache) as f:
            entries = dict(re.findall(r"^(HQNN_PYTHON(?:_OUTPUT_DIR)?):[A-Z]+=(.*)$", f.read(), re.M))
        if entries.get("HQNN_PYTHON", "").upper() not in ("ON", "1", "TRUE", "YES"):
            sys.exit(f"setup.py: {build} was configured without the Python modules "
                     "(reconfigure it with -DHQNN_PYTHON=ON, or unset HQNN_CMAKE_BUILD_DIR)")
        subprocess.check_call(["cmake", "--build", build, "--target", ext.name.split(".")[-1], "-j", jobs])
        # the module's file name carries this interpreter's tag (e.g. .cpython-311-x86_64-linux-gnu.so)
        out = entries.get("HQNN_PYTHON_OUTPUT_DIR", os.path.join(build, "python", "hqnn"))
        built = os.path.join(out, os.path.basename(self.get_ext_filename(ext.name)))
        if not os.path.exists(built):
            sys.exit(f"setup.py: {built} not found: {build} was configured for another Python "
                     f"(reconfigure it with -DPython_EXECUTABLE={sys.executable}, or unset HQNN_CMAKE_BUILD_DIR)")
        target = os.path.abspath(self.get_ext_fullpath(ext.name))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


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
