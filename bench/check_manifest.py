#!/usr/bin/env python3
"""Compare kith's mentions of a generated vault with gen_vault.py's manifest.

Usage:
    check_manifest.py VAULT MANIFEST [--kith PATH] [--jsonl FILE] [--examples N]

Runs `kith mentions VAULT --format jsonl -q` (or reads --jsonl FILE, the saved
output of that command) and compares its per-person and per-interest counts,
category by category, with the ground truth that
`gen_vault.py --manifest` wrote:

    person body          '@handle' in prose        manifest people[h].body
    person body link     '[[Display Name]]' prose  manifest people[h].body_links
    person frontmatter   people:/with: entries     manifest people[h].frontmatter
    interest body        '#tag' in prose           manifest interests[t].body
    interest frontmatter tags: entries             manifest interests[t].frontmatter
                         (structural tags excluded)
    structural tags      daily, meeting, ...       manifest interests[t].frontmatter
                         (but `person`: see below)

One rule differs on purpose: the frontmatter tag `person` makes a note a
person note, and kith never counts it as an interest (the README's "One
person, however they are written" and `ignore_interests`). The manifest
counts it among the structural tags; it is left out of the expected counts
here.

kith reports a body wikilink to a person note as a person mention whose `raw`
starts with `[[`; those are compared with the manifest's body links, not with
its body mentions. People are keyed the way the manifest keys them: a body
mention by the handle as written (`@Anna.` is `anna`), a `[[Display Name]]`
by the manifest's people[h].name. kith's own `name` (which resolves aliases
and person notes) is compared separately, in the identity section, which
lists kith names that join two of the manifest's people or split one.

The summary is markdown on stdout. Exit status: 0 when every category
matches exactly, 1 when any differs, 2 on a usage or run error.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

CATEGORIES = [
    ("person body", "person", "body"),
    ("person body link", "person", "body_links"),
    ("person frontmatter", "person", "frontmatter"),
    ("interest body", "interest", "body"),
    ("interest frontmatter", "interest", "frontmatter"),
    ("structural tags", "interest", "structural"),
]


def canonical(name):
    """kith's canonical form: NFC, lowercase."""
    return unicodedata.normalize("NFC", name).lower()


def slug(display):
    """A display name made a handle, as kith does: words joined with '-'."""
    return canonical("-".join(display.split())).rstrip(".-")


def link_name(raw):
    """The display name inside '[[Target|alias]]' or '[[Folder/Target#h]]'."""
    inner = raw.strip()
    if inner.startswith("[[") and inner.endswith("]]"):
        inner = inner[2:-2]
    inner = inner.split("|", 1)[0].split("#", 1)[0]
    inner = inner.rsplit("/", 1)[-1].strip()
    if inner.endswith(".md"):
        inner = inner[:-3]
    return inner


def body_lines(vault):
    """Yield (path, line number, text) for the body lines of every note,
    skipping hidden folders and the frontmatter, as kith reads a vault."""
    for root, dirs, files in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        for name in sorted(files):
            if name.startswith(".") or not name.endswith((".md", ".markdown")):
                continue
            full = os.path.join(root, name)
            rel = os.path.relpath(full, vault).replace(os.sep, "/")
            with open(full, encoding="utf-8", errors="replace") as f:
                lines = f.read().lstrip("\ufeff").replace("\r\n", "\n").split("\n")
            start = 0
            if lines and lines[0] == "---":
                for i in range(1, len(lines)):
                    if lines[i] in ("---", "..."):
                        start = i + 1
                        break
            for i in range(start, len(lines)):
                yield rel, i + 1, lines[i]


def pattern_for(category, key, manifest):
    """A regex for how the manifest's generator writes one name in prose."""
    if category == "person body":
        return re.compile("@" + re.escape(key) + r"(?![\w-]|\.\w)", re.IGNORECASE)
    if category == "person body link":
        info = manifest.people.get(key)
        if not info:
            return None
        return re.compile(r"\[\[" + re.escape(info["name"]) + r"(\]\]|\||#)", re.IGNORECASE)
    if category == "interest body":
        return re.compile(r"(?<!\S)#" + re.escape(key) + r"(?![\w/-])", re.IGNORECASE)
    return None


def missed_examples(vault, wanted, seen, limit):
    """For (category, key) -> regex: body lines where the text occurs more
    often than kith reported that name on that line."""
    found = {ck: [] for ck in wanted}
    for rel, number, text in body_lines(vault):
        for ck, regex in wanted.items():
            if len(found[ck]) >= limit:
                continue
            hits = len(regex.findall(text))
            if hits and hits > seen.get((ck[0], ck[1], rel, number), 0):
                found[ck].append((rel, number, text.strip()[:100]))
    return found


# The frontmatter tag that makes a person note; kith counts it as no interest.
PERSON_MARKER = "person"


class Manifest:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.data = json.load(f)
        self.people = self.data["people"]
        self.interests = self.data["interests"]
        self.structural = set(self.data.get("structural_tags", []))
        # kith's rule: the tag that makes a person note is no interest.
        self.not_interests = {PERSON_MARKER}
        # '[[Display Name]]' -> handle, exact and case-insensitive.
        self.by_display = {}
        self.by_display_ci = {}
        for handle, info in self.people.items():
            self.by_display.setdefault(info["name"], handle)
            self.by_display_ci.setdefault(canonical(info["name"]), handle)

    def expected(self, kind, field):
        """name -> count for one category (only non-zero counts)."""
        out = {}
        if kind == "person":
            for handle, info in self.people.items():
                if info.get(field):
                    out[handle] = info[field]
        else:
            for tag, info in self.interests.items():
                if tag in self.not_interests:
                    continue
                structural = tag in self.structural
                if field == "structural":
                    if structural and info.get("frontmatter"):
                        out[tag] = info["frontmatter"]
                elif field == "frontmatter" and structural:
                    continue
                elif info.get(field):
                    out[tag] = info[field]
        return out

    def handle_of_written(self, raw):
        """The manifest handle a kith person mention was written as."""
        if raw.startswith("[["):
            name = link_name(raw)
            if name in self.by_display:
                return self.by_display[name]
            return self.by_display_ci.get(canonical(name), "?" + slug(name))
        handle = canonical(raw.lstrip("@").strip()).rstrip(".-")
        if handle in self.people:
            return handle
        # A frontmatter entry written as a display name without brackets.
        return self.by_display_ci.get(canonical(raw.strip()), handle)


def kith_rows(args):
    """Yield kith's mentions, one dict each."""
    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
        return
    cmd = [args.kith, "mentions", args.vault, "--format", "jsonl", "-q"]
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8"
        )
    except OSError as err:
        print(f"check_manifest: cannot run {args.kith}: {err}", file=sys.stderr)
        sys.exit(2)
    for line in proc.stdout:
        if line.strip():
            yield json.loads(line)
    if proc.wait() != 0:
        print(f"check_manifest: `{' '.join(cmd)}` exited {proc.returncode}", file=sys.stderr)
        sys.exit(2)


def category_of(row, manifest):
    if row["kind"] == "person":
        if row["source"] == "frontmatter":
            return "person frontmatter"
        return "person body link" if row["raw"].startswith("[[") else "person body"
    if row["source"] == "frontmatter":
        return "structural tags" if row["name"] in manifest.structural else "interest frontmatter"
    return "interest body"


def plural(n, word, words=None):
    return f"{n} {word if n == 1 else (words or word + 's')}"


def cell(text):
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("`", "'")


def fmt_examples(examples):
    return "; ".join(f"`{cell(p)}:{line}` `{cell(raw)}`" for p, line, raw in examples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault")
    parser.add_argument("manifest")
    parser.add_argument("--kith", default="target/release/kith", help="the kith binary")
    parser.add_argument("--jsonl", help="read saved `kith mentions --format jsonl` output instead")
    parser.add_argument("--examples", type=int, default=8, help="rows of differences to show")
    args = parser.parse_args()

    manifest = Manifest(args.manifest)
    got = {name: collections.Counter() for name, _, _ in CATEGORIES}
    where = {name: collections.defaultdict(list) for name, _, _ in CATEGORIES}
    # (category, key, path, line) -> how many kith reported there.
    seen = collections.Counter()
    # Identity: kith name -> Counter(manifest handle), and the reverse.
    kith_to_manifest = collections.defaultdict(collections.Counter)
    manifest_to_kith = collections.defaultdict(collections.Counter)
    total = 0
    for row in kith_rows(args):
        total += 1
        category = category_of(row, manifest)
        if row["kind"] == "person":
            key = manifest.handle_of_written(row["raw"])
            kith_to_manifest[row["name"]][key] += 1
            manifest_to_kith[key][row["name"]] += 1
        else:
            key = row["name"]
        got[category][key] += 1
        seen[(category, key, row["path"], row["line"])] += 1
        if len(where[category][key]) < 2:
            where[category][key].append((row["path"], row["line"], row["raw"]))

    diffs_by_category = {}
    for name, kind, field in CATEGORIES:
        want = manifest.expected(kind, field)
        have = got[name]
        keys = set(want) | {k for k, v in have.items() if v}
        diffs = sorted(
            ((k, want.get(k, 0), have.get(k, 0)) for k in keys if want.get(k, 0) != have.get(k, 0)),
            key=lambda d: (-abs(d[2] - d[1]), d[0]),
        )
        diffs_by_category[name] = (want, have, keys, diffs)

    # Where kith found fewer: body lines holding the text, not reported.
    wanted = {}
    for name, (_, _, _, diffs) in diffs_by_category.items():
        for key, w, h in diffs[: args.examples]:
            regex = pattern_for(name, key, manifest) if h < w else None
            if regex:
                wanted[(name, key)] = regex
    missed = missed_examples(args.vault, wanted, seen, 2) if wanted else {}

    out = []
    failed = []
    out.append("## Correctness: kith mentions vs the generator's manifest\n")
    out.append(
        f"Vault `{args.vault}`, {manifest.data.get('notes', '?')} notes; kith reported "
        f"{total} mentions (`kith mentions --format jsonl`). People are keyed by the "
        "manifest's handle: a body mention by the handle as written, a `[[Display Name]]` "
        "via the manifest's `people[h].name`; kith's body wikilinks to person notes "
        "(`raw` starting with `[[`) are compared with the manifest's body person links.\n"
    )
    out.append("| category | names (manifest / kith) | names equal | names differing | total manifest | total kith | result |")
    out.append("|---|---|---|---|---|---|---|")
    details = []
    for name, _, _ in CATEGORIES:
        want, have, keys, diffs = diffs_by_category[name]
        if diffs:
            failed.append(name)
        out.append(
            f"| {name} | {len(want)} / {sum(1 for v in have.values() if v)} | "
            f"{len(keys) - len(diffs)} | {len(diffs)} | {sum(want.values())} | "
            f"{sum(have.values())} | {'**DIFFERS**' if diffs else 'match'} |"
        )
        if not diffs:
            continue
        delta = sum(have.values()) - sum(want.values())
        details.append(
            f"\n**{name}**: {plural(len(diffs), 'name')} differ{'s' if len(diffs) == 1 else ''}, "
            f"{delta:+d} mentions in all; the largest differences:\n"
        )
        details.append("| name | manifest | kith | kith − manifest | examples |")
        details.append("|---|---:|---:|---:|---|")
        for key, w, h in diffs[: args.examples]:
            label = f"`{key}`"
            if name.startswith("person") and key in manifest.people:
                label += f" ({manifest.people[key]['name']})"
            if h < w and missed.get((name, key)):
                ex = "not reported: " + "; ".join(
                    f"`{cell(p)}:{line}` “{cell(text)}”" for p, line, text in missed[(name, key)]
                )
            else:
                ex = "kith: " + fmt_examples(where[name][key]) if where[name][key] else ""
            details.append(f"| {label} | {w} | {h} | {h - w:+d} | {ex} |")
        if len(diffs) > args.examples:
            details.append(f"\n… and {len(diffs) - args.examples} more.")
    out.extend(details)

    # Identity: does kith's resolved `name` keep the manifest's people apart?
    joined = {k: c for k, c in kith_to_manifest.items() if len(c) > 1}
    split = {h: c for h, c in manifest_to_kith.items() if len(c) > 1}
    renamed = sum(1 for k, c in kith_to_manifest.items() if len(c) == 1 and k not in c)
    out.append("\n### Identity: kith's resolved `name` vs the manifest's people\n")
    out.append(
        f"kith reports {len(manifest_to_kith)} manifest people under "
        f"{plural(len(kith_to_manifest), 'name')}: "
        f"{plural(renamed, 'name is', 'names are')} a manifest person under another spelling "
        "(an alias or person note: `@anna` is reported as `anna-schmidt`), "
        f"{plural(len(joined), 'name joins', 'names join')} several manifest people, and "
        f"{plural(len(split), 'manifest person is', 'manifest people are')} split over several names "
        "(typically `@handle` and `[[Display Name]]`, when the person note does not list the "
        "handle among its `aliases`).\n"
    )
    for k, c in sorted(joined.items())[: args.examples]:
        parts = ", ".join(f"`{h}` ×{n}" for h, n in c.most_common())
        out.append(f"- kith `{k}` joins manifest {parts}")
    for h, c in sorted(split.items(), key=lambda kv: -sum(kv[1].values()))[:3]:
        parts = ", ".join(f"`{k}` ×{n}" for k, n in c.most_common())
        out.append(f"- manifest `{h}` is split into kith {parts}")
    out.append(
        "\nThis section is informational: kith's identity rules (person notes, aliases), "
        "not extraction, decide it, and it does not change the result."
    )

    out.append("")
    if failed:
        out.append(f"**Result: {plural(len(failed), 'category differs', 'categories differ')}: {', '.join(failed)}.**")
    else:
        out.append("**Result: every category matches the manifest exactly.**")
    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
