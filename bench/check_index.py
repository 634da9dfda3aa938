#!/usr/bin/env python3
"""Check that kith's index answers what its extraction says (issue 6).

    python3 bench/check_index.py VAULT --kith target/release/kith [--interest NAME]

Builds an index of VAULT in a temporary folder, then compares the answers
the index gives (read from posting lists) with counts recomputed from
`kith mentions --format jsonl` (read from the notes):

- `kith people`: each person's mentions and notes;
- `kith interests`: each interest's mentions, nested interests rolled up to
  their parents;
- `kith who INTEREST`: each person's mentions whose context holds the
  interest or one nested under it, each mention counted once.

Prints a markdown section on stdout. Exit status: 0 when everything
matches, 1 when anything differs, 2 on a usage error or a failed kith run.
Standard library only.
"""

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def run_kith(kith, args):
    """Runs kith, returns its stdout; exits 2 if it fails."""
    done = subprocess.run([kith, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(f"check_index: `kith {' '.join(args)}` failed:\n{done.stderr}")
        sys.exit(2)
    return done.stdout


def within(name, interest):
    return name == interest or name.startswith(interest + "/")


def expected_counts(rows, interest):
    """Counts recomputed from the mentions."""
    mentions = collections.Counter()
    notes = collections.defaultdict(set)
    interests = collections.Counter()
    who = collections.Counter()
    for row in rows:
        if row["kind"] == "person":
            mentions[row["name"]] += 1
            notes[row["name"]].add(row["path"])
            if any(within(i, interest) for i in row["interests"]):
                who[row["name"]] += 1
        else:
            parts = row["name"].split("/")
            for end in range(1, len(parts) + 1):
                interests["/".join(parts[:end])] += 1
    return mentions, {k: len(v) for k, v in notes.items()}, interests, who


def differences(label, got, want):
    """Names whose counts differ, as (label, name, index, mentions) rows."""
    return [
        (label, name, got.get(name, 0), want.get(name, 0))
        for name in sorted(set(got) | set(want))
        if got.get(name, 0) != want.get(name, 0)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault")
    parser.add_argument("--kith", required=True)
    parser.add_argument("--interest", default=None, help="for `who` (default: the top interest)")
    args = parser.parse_args()
    if not Path(args.vault).is_dir():
        parser.error(f"not a folder: {args.vault}")

    with tempfile.TemporaryDirectory() as tmp:
        index = str(Path(tmp) / "index.sqlite")
        common = ["--index", index, "--vault", args.vault, "--no-scan", "--format", "json", "-q"]
        run_kith(args.kith, ["scan", args.vault, "--index", index, "-q"])
        rows = [json.loads(line) for line in run_kith(args.kith, ["mentions", args.vault, "--format", "jsonl", "-q"]).splitlines()]
        people = json.loads(run_kith(args.kith, ["people", *common]))["people"]
        interests = json.loads(run_kith(args.kith, ["interests", *common]))["interests"]
        interest = args.interest or interests[0]["name"]
        who = json.loads(run_kith(args.kith, ["who", interest, *common]))["people"]

    mentions, notes, rolled, in_context = expected_counts(rows, interest)
    found = []
    found += differences("person mentions", {p["name"]: p["mentions"] for p in people}, mentions)
    found += differences("person notes", {p["name"]: p["notes"] for p in people}, notes)
    found += differences("interest mentions", {i["name"]: i["mentions"] for i in interests}, rolled)
    # `who` also lists people whose person note declares the interest.
    found += differences(
        f"who {interest}",
        {p["name"]: p["mentions"] for p in who if p["mentions"] or p["name"] in in_context},
        in_context,
    )

    print("## Correctness: the index vs kith's own extraction\n")
    print(
        f"Vault `{args.vault}`: {len(rows)} mentions from `kith mentions`; the index's answers "
        f"(posting lists) compared with counts recomputed from them.\n"
    )
    print("| answer | names | result |")
    print("|---|---:|---|")
    labels = [
        ("person mentions", len(people)),
        ("person notes", len(people)),
        ("interest mentions", len(interests)),
        (f"who {interest}", len(who)),
    ]
    for label, count in labels:
        bad = sum(1 for d in found if d[0] == label)
        print(f"| `{label}` | {count} | {'match' if bad == 0 else f'**{bad} differ**'} |")
    if found:
        print("\n| answer | name | index | mentions |")
        print("|---|---|---:|---:|")
        for label, name, got, want in found[:20]:
            print(f"| {label} | `{name}` | {got} | {want} |")
    print(f"\n**Result: {'every answer matches' if not found else 'answers differ'}.**")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
