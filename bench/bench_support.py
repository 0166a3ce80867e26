"""What the benchmark runners share: the Release build, the machine description and running
a benchmark program that prints one JSON object per line."""

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"


def env_int(name, default, runner):
    """The whole number in environment variable `name`, or `default`."""
    value = os.environ.get(name, str(default))
    try:
        return int(value.replace("_", ""))
    except ValueError:
        raise SystemExit(f"{runner}: {name}={value!r} is not a whole number")


def build(build_dir, targets, runner):
    """Configures `build_dir` in Release when new, refuses any other build type, builds
    `targets` and returns the directory holding the benchmark programs."""
    cache = build_dir / "CMakeCache.txt"
    if not cache.exists():
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=Release", "-DODOOBRIDGE_BUILD_TESTS=OFF",
                        "-DODOOBRIDGE_BUILD_EXAMPLES=OFF"], check=True)
    build_type = next((line.split("=", 1)[1] for line in cache.read_text().splitlines()
                       if line.startswith("CMAKE_BUILD_TYPE:")), "")
    if build_type != "Release":
        raise SystemExit(f"{runner}: {build_dir} is a {build_type or 'default'} build; "
                         "benchmarks need Release: pass another --build-dir or reconfigure it "
                         "with -DCMAKE_BUILD_TYPE=Release")
    subprocess.run(["cmake", "--build", str(build_dir), "--target", *targets, "-j2"],
                   check=True, stdout=subprocess.DEVNULL)
    return build_dir / "bench"


def machine_description():
    """CPU count and model, and the load average at the start."""
    model = "unknown CPU"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "load": os.getloadavg()[0]}


def warn_if_busy(machine, runner):
    if machine["load"] > 0.5:
        print(f"{runner}: warning: load average is {machine['load']:.2f}; other work on this "
              "machine will distort the figures", file=sys.stderr)


def run_json_lines(command, runner):
    """Runs a benchmark program, passing its progress (stderr) through, and returns its
    result rows by their "row" name."""
    completed = subprocess.run([str(part) for part in command], stdout=subprocess.PIPE,
                               text=True)
    if completed.returncode != 0:
        raise SystemExit(f"{runner}: {' '.join(map(str, command[:2]))} failed with status "
                         f"{completed.returncode}")
    return {row["row"]: row for row in map(json.loads, completed.stdout.splitlines())}


def format_ratio(value):
    return "—" if value is None else f"{value:.2f}×"
