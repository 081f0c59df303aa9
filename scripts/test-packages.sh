#!/usr/bin/env bash
# The Debian packages the tests need, in one place: `npm test` runs this first (pretest) and so does .ci/run.
# What is missing is installed with apt-get when it can be (root, apt-get present); otherwise, or with
# STP_TEST_PACKAGES=check, one line names what is missing and the command that installs it, and the exit is 1.
# Each tool is looked up on PATH (sshd at STP_TEST_SSHD, the path the SSH tests start), so a test can hide one.
set -uo pipefail

# tool and the package that brings it: the Thrift compiler (the Nimbus IDL is checked against it), OpenSSH (the
# SSH tests start their own sshd on 127.0.0.1, and use ssh, ssh-keygen, ssh-agent), zip and unzip (jar checks,
# benchmark baseline), ps (the no-orphans checks), python3 (the Python shell-bolt example), a JDK (the multilang
# serializer is compiled and driven on a real JVM), redis-server (the state tests start their own on 127.0.0.1).
tools=(
  thrift:thrift-compiler
  "${STP_TEST_SSHD:-/usr/sbin/sshd}:openssh-server"
  ssh:openssh-client
  ssh-keygen:openssh-client
  ssh-agent:openssh-client
  zip:zip
  unzip:unzip
  ps:procps
  python3:python3
  java:default-jdk-headless
  javac:default-jdk-headless
  "${STP_TEST_REDIS:-redis-server}:redis-server"
)

# Sets `missing` (tool names) and `packages` (their packages, each once).
find_missing() {
  missing=()
  packages=()
  local entry tool package
  for entry in "${tools[@]}"; do
    tool=${entry%:*}
    package=${entry##*:}
    if [[ $tool == /* ]]; then [[ -x $tool ]] && continue; else command -v "$tool" >/dev/null && continue; fi
    if [[ $tool == /* ]]; then missing+=("sshd at $tool"); else missing+=("$tool"); fi
    [[ " ${packages[*]} " == *" $package "* ]] || packages+=("$package")
  done
}

find_missing
[[ ${#missing[@]} -eq 0 ]] && exit 0

install="apt-get install -y --no-install-recommends ${packages[*]}"
if [[ ${STP_TEST_PACKAGES:-install} != check && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "stp tests: installing ${packages[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2; then
    find_missing
    [[ ${#missing[@]} -eq 0 ]] && exit 0
    echo "stp tests: apt-get installed ${packages[*]} but ${missing[0]} is still not found (is PATH or STP_TEST_SSHD hiding it?)" >&2
    exit 1
  fi
  echo "stp tests: apt-get could not install ${packages[*]}; see its messages above" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null; then
  how="install the packages that bring them with your system's package manager (on Debian: $install)"
elif [[ $(id -u) -ne 0 ]]; then
  how="install them with: sudo $install"
else
  how="install them with: $install"
fi
list=$(IFS=,; echo "${missing[*]}")
echo "stp tests: missing ${list//,/, }; $how" >&2
exit 1
