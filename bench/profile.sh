#!/usr/bin/env bash
# Summarises a JFR recording (default target/bench/app.jfr from BENCH_JFR=1 bench/homefeed.sh):
# the methods most often on top of the sampled stacks, and the Lyceum/framework frames most often
# anywhere on them, so "where the time goes" is read from data, not guessed.
set -euo pipefail
file=${1:-target/bench/app.jfr}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" > "${file%.jfr}.samples.txt"
python3 - "${file%.jfr}.samples.txt" <<'PY'
import collections, re, sys
text = open(sys.argv[1]).read()
samples = [s for s in text.split("jdk.ExecutionSample") if "stackTrace" in s]
top, anywhere = collections.Counter(), collections.Counter()
for s in samples:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", s, re.M)
    if not frames:
        continue
    top[frames[0]] += 1
    seen = set()
    for f in frames:
        pkg = ".".join(f.split(".")[:3])
        if pkg not in seen:
            anywhere[pkg] += 1
            seen.add(pkg)
n = len(samples)
print(f"{n} samples")
print("on top of the stack:")
for f, c in top.most_common(25):
    print(f"  {100 * c / n:5.1f} %  {f}")
print("packages anywhere on the stack (inclusive):")
for f, c in anywhere.most_common(30):
    print(f"  {100 * c / n:5.1f} %  {f}")
PY
