#!/bin/sh
# Debian packages the report, browser, package and notebook tests need (tests/browser, tests/package,
# tests/notebooks, PNG charts).
# Idempotent: apt-get skips what is already installed. Run as root (CI) or through sudo.
#   chromium                 headless browser for tests/browser and tests/package (playwright-core, never downloaded)
#   jupyter-nbconvert        `jupyter nbconvert --execute` for tests/notebooks (pulls jupyter-core, nbclient)
#   jupyter-client           kernel management used by nbconvert to start the Deno kernel
#   python3-nbclient         the notebook executor behind nbconvert --execute
#   python3-ipykernel        nbconvert's default kernel machinery (and a fallback python3 kernelspec)
#   fonts-dejavu-core        the chart font (DejaVu Sans) for PNG rendering with resvg and for screenshots
#   python3-numpy            the vectorised NumPy peer of the canonical model (bench/numpy, tests/bench)
#   python3-pandas           pandas reads the summary and samples CSV back in tests/cli/pandas.test.ts
set -eu
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  chromium \
  jupyter-nbconvert \
  jupyter-client \
  python3-nbclient \
  python3-ipykernel \
  fonts-dejavu-core \
  python3-numpy \
  python3-pandas
