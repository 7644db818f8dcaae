"""The installed C++ package: `cmake --install` of build/dev, then a project outside cormorant
(examples/package) finds it with find_package(cormorant CONFIG REQUIRED), links
cormorant::cormorant, and runs; its CSV must be pandas' to_csv of the same computation."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from conftest import REPO_ROOT

BUILD = REPO_ROOT / "build" / "dev"


def _run(*args, **kwargs):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package installed from build/dev into a temporary prefix (scripts/build.sh builds it)."""
    if not (BUILD / "CMakeCache.txt").is_file():
        pytest.fail("build/dev is missing: run scripts/build.sh first")
    prefix = tmp_path_factory.mktemp("prefix")
    _run("cmake", "--build", BUILD, "--target", "cormorant_shared")
    _run("cmake", "--install", BUILD, "--prefix", prefix)
    return prefix


def test_installed_layout(installed):
    lib = installed / "lib"
    assert (installed / "include" / "cormorant" / "cormorant.hpp").is_file()
    assert (lib / "libcormorant.so").exists() and (lib / "libduckdb.so").is_file()
    assert (lib / "cmake" / "cormorant" / "cormorantConfig.cmake").is_file()


def test_outside_project_builds_and_matches_pandas(installed, tmp_path, penguins_path):
    build = tmp_path / "build"
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    _run("cmake", "-S", REPO_ROOT / "examples" / "package", "-B", build, *generator,
         f"-DCMAKE_PREFIX_PATH={installed}")
    _run("cmake", "--build", build)
    out = tmp_path / "groups.csv"
    _run(build / "penguin_groups", penguins_path, out)

    df = pd.read_csv(penguins_path)
    heavy = df[df.body_mass_g > 3500].copy()
    heavy["bill_ratio"] = heavy.bill_length_mm / heavy.bill_depth_mm
    expected = heavy.groupby(["species", "island"]).agg(
        mass=("body_mass_g", "mean"),
        ratio=("bill_ratio", "max"),
        flipper=("flipper_length_mm", "median"),
        n=("sex", "count"),
    )
    assert out.read_text() == expected.to_csv()


def test_version_is_checked(installed, tmp_path):
    """A project asking for a version the package is not compatible with is refused by CMake."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.25)\nproject(p LANGUAGES CXX)\n"
        "find_package(cormorant 9.0 CONFIG REQUIRED)\n")
    done = subprocess.run(["cmake", "-S", str(src), "-B", str(tmp_path / "b"),
                           f"-DCMAKE_PREFIX_PATH={installed}"], capture_output=True, text=True)
    assert done.returncode != 0 and "cormorant" in done.stderr
