#!/usr/bin/env bash
# The kith benchmark (issue 6): kith against ripgrep on generated vaults.
#
#   bash bench/run.sh                      # 10,000 and 100,000 notes
#   BENCH_SIZES=10000 bash bench/run.sh    # a quick run
#
# Environment:
#   BENCH_SIZES   vault sizes in notes (default "10000 100000")
#   BENCH_DIR     keep the generated vaults here between runs (outside the
#                 repository); default: a temporary folder removed at exit
#   BENCH_RUNS    timed runs per command (default 5, at least 5); the
#                 commands that take milliseconds (the re-scans and the
#                 questions) run at least 30 times
#   SHARED_DIR    the shared folder holding tools/gen_vault.py
#                 (default: the repository's ../shared)
#
# Writes bench/RESULTS.md (atomically). Exit status: 0 when done, 3 when
# kith's counts differ from the generator's manifest, or the index's answers
# from kith's extraction (RESULTS.md is still written), 1 on any other
# failure.
set -euo pipefail

log() { printf 'bench: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# Quote one word for hyperfine (POSIX single quotes; it splits like a shell).
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(git -C "$script_dir" rev-parse --show-toplevel) || die "not inside the kith repository"
shared_dir=${SHARED_DIR:-$repo/../shared}
gen=$shared_dir/tools/gen_vault.py
read -r -a sizes <<<"${BENCH_SIZES:-10000 100000}"
runs=${BENCH_RUNS:-5}
# Commands of a few milliseconds: their medians move with the host's noise
# as much as with kith, and 30 runs of them take seconds.
quick_runs=30
today=2026-11-27
results=$repo/bench/RESULTS.md

# ---------------------------------------------------------------- tools
missing=()
for tool in hyperfine rg; do
	command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
	log "error: ${missing[*]} not found; install with: apt-get install hyperfine ripgrep"
	exit 1
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; install with: apt-get install time"
for tool in cargo python3 awk; do
	command -v "$tool" >/dev/null || die "$tool not found"
done
[[ -f $gen ]] || die "generator not found: $gen (set SHARED_DIR)"
((${#sizes[@]})) || die "BENCH_SIZES is empty"
for n in "${sizes[@]}"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_SIZES: not a number of notes: $n"
done
if ! [[ $runs =~ ^[0-9]+$ ]] || ((runs < 5)); then
	die "BENCH_RUNS must be a number, at least 5"
fi
((quick_runs >= runs)) || quick_runs=$runs

# ---------------------------------------------------------------- work space
work=$(mktemp -d "${TMPDIR:-/tmp}/kith-bench.XXXXXX")
edit_vault= # the vault whose notes are edited right now (restored at exit)
edit_orig=
edit_list=
edit_marker=
results_tmp=

restore_edits() {
	[[ -n $edit_vault ]] || return 0
	local rel
	while IFS= read -r rel; do
		cp -p -- "$edit_orig/$rel" "$edit_vault/$rel"
	done <"$edit_list"
	edit_vault=
	# The vault is as generated again: a later run may reuse it.
	: >"$edit_marker"
}

cleanup() {
	local status=$?
	restore_edits || log "warning: could not restore the edited notes"
	[[ -z $results_tmp ]] || rm -f -- "$results_tmp"
	rm -rf -- "$work"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n ${BENCH_DIR:-} ]]; then
	mkdir -p -- "$BENCH_DIR"
	vaults=$(cd "$BENCH_DIR" && pwd -P)
else
	vaults=$work
fi
repo_real=$(cd "$repo" && pwd -P)
case "$vaults/" in
"$repo_real"/*) die "BENCH_DIR must be outside the repository: $vaults" ;;
esac

# ---------------------------------------------------------------- build
# Two builds: building an example turns on the dev-dependencies, whose
# features could change the kith binary built alongside it. Private
# copies: others may rebuild target/ while the benchmark runs.
log "building kith (cargo build --release), then its floors (--example floors)"
kith=$work/kith
floors=$work/floors
(cd "$repo" && cargo build --release --quiet --bin kith) || die "cargo build --release failed"
cp -- "$repo/target/release/kith" "$kith"
(cd "$repo" && cargo build --release --quiet --example floors) ||
	die "cargo build --release --example floors failed"
cp -- "$repo/target/release/examples/floors" "$floors"
commit=$(git -C "$repo" rev-parse --short=12 HEAD)
if [[ -n $(git -C "$repo" status --porcelain --untracked-files=no -- src examples Cargo.toml Cargo.lock) ]]; then
	commit="$commit (with uncommitted changes under src/, examples/ or Cargo.*)"
fi

# ---------------------------------------------------------------- helpers
median() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

# bench KEY COMMAND [hyperfine options...]: median seconds into $work/N-KEY.json,
# of $runs runs (or $quick_runs, with BENCH_QUICK=1)
bench() {
	local key=$1 cmd=$2 n_runs=$runs
	shift 2
	[[ ${BENCH_QUICK:-} != 1 ]] || n_runs=$quick_runs
	log "  $key: $cmd ($n_runs runs)"
	hyperfine --style basic -N --warmup 1 --runs "$n_runs" "$@" \
		--export-json "$work/$n-$key.json" "$cmd" >"$work/$n-$key.log" 2>&1 ||
		{
			cat "$work/$n-$key.log" >&2
			die "hyperfine failed for $key"
		}
	printf '%s\t%s\n' "$key" "$(median "$work/$n-$key.json")" >>"$work/$n.times"
}

# peak_rss KEY COMMAND...: median of 3 peak resident sizes (KB)
peak_rss() {
	local key=$1 kb=()
	shift
	for _ in 1 2 3; do
		/usr/bin/time -v -o "$work/rss.txt" "$@" >/dev/null 2>"$work/rss.err" ||
			{
				cat "$work/rss.err" >&2
				die "failed: $*"
			}
		kb+=("$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/rss.txt")")
	done
	printf '%s\t%s\n' "$key" "$(printf '%s\n' "${kb[@]}" | sort -n | sed -n 2p)" >>"$work/$n.rss"
}

# check_reread COUNT PREPARE...: run PREPARE, then one scan of $vault into
# $index, which must re-read exactly COUNT notes (proves the timed scans see
# the change they are meant to measure).
check_reread() {
	local want=$1 got
	shift
	"$@"
	got=$("$kith" scan "$vault" --index "$index" 2>&1 >/dev/null |
		sed -n 's/^scanned [0-9]* notes: \([0-9]*\) re-read.*/\1/p')
	[[ $got == "$want" ]] || die "[$n] the scan re-read ${got:-?} notes, expected $want"
	log "  checked: a scan re-reads $got notes"
}

# The vault's notes, sorted by relative path (hidden folders skipped, as kith does).
note_list() {
	(cd "$1" && find . -mindepth 1 -name '.*' -prune -o -type f \( -name '*.md' -o -name '*.markdown' \) -print |
		sed 's|^\./||' | LC_ALL=C sort)
}

# ---------------------------------------------------------------- per size
for n in "${sizes[@]}"; do
	vault=$vaults/vault-$n
	manifest=$vaults/vault-$n.manifest.json
	index=$work/index-$n.sqlite
	: >"$work/$n.times"
	: >"$work/$n.rss"

	# A vault is reused only when it is complete and unedited (marker file).
	if [[ -d $vault && -f $manifest && -f $vaults/vault-$n.ok ]]; then
		log "[$n] reusing $vault"
	else
		log "[$n] generating $n notes into $vault"
		rm -rf -- "$vault" "$vault.partial" "$manifest" "$vaults/vault-$n.ok"
		python3 "$gen" "$vault.partial" --notes "$n" --seed 1 --manifest "$manifest" >&2
		mv -- "$vault.partial" "$vault"
		: >"$vaults/vault-$n.ok"
	fi
	vault_bytes=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total_bytes"])' "$manifest")
	printf '%s\n' "$vault_bytes" >"$work/$n.bytes"

	log "[$n] warming the page cache"
	find "$vault" -type f -exec cat -- {} + >/dev/null
	rg -c '@[A-Za-z0-9_]' "$vault" >/dev/null || true

	log "[$n] timing ($runs runs each, $quick_runs for re-scans and questions; 1 warm-up)"
	V=$(q "$vault")
	I=$(q "$index")
	K=$(q "$kith")
	F=$(q "$floors")
	bench rg-at "rg -c '@[A-Za-z0-9_]' $V"
	bench rg-hash "rg -c '#[A-Za-z]' $V"
	bench floor-walk "$F walk $V"
	bench floor-read "$F read $V"
	bench floor-parse "$F parse $V"
	bench mentions "$K mentions $V --format jsonl -q"
	bench rebuild "$K scan $V --index $I --rebuild -q"
	BENCH_QUICK=1 bench unchanged "$K scan $V --index $I -q"
	check_reread 0 true

	# 100 edited notes: every Nth path of the sorted list, restored from a
	# copy and edited again before each run (a growing suffix, so size and
	# mtime change every time).
	note_list "$vault" >"$work/$n.notes"
	total=$(wc -l <"$work/$n.notes")
	((total >= 100)) || die "[$n] fewer than 100 notes"
	awk -v step=$((total / 100)) 'NR % step == 1 % step && c < 100 {print; c++}' \
		"$work/$n.notes" >"$work/$n.edit"
	edit_orig=$work/orig-$n
	while IFS= read -r rel; do
		mkdir -p -- "$edit_orig/$(dirname -- "$rel")"
		cp -p -- "$vault/$rel" "$edit_orig/$rel"
	done <"$work/$n.edit"
	cat >"$work/edit-$n.sh" <<-EOF
		#!/usr/bin/env bash
		set -euo pipefail
		counter=$(q "$work/edit-$n.count")
		k=\$((\$(cat "\$counter" 2>/dev/null || echo 0) + 1))
		echo "\$k" >"\$counter"
		suffix=\$(printf '%*s' "\$k" '' | tr ' ' '+')
		while IFS= read -r rel; do
			cp -p -- $(q "$edit_orig")/"\$rel" $(q "$vault")/"\$rel"
			printf '\nEdited @bench-person #bench %s\n' "\$suffix" >>$(q "$vault")/"\$rel"
		done <$(q "$work/$n.edit")
	EOF
	rm -f -- "$vaults/vault-$n.ok"
	edit_vault=$vault
	edit_list=$work/$n.edit
	edit_marker=$vaults/vault-$n.ok
	check_reread 100 bash "$work/edit-$n.sh"
	BENCH_QUICK=1 bench edited "$K scan $V --index $I -q" --prepare "bash $(q "$work/edit-$n.sh")"
	check_reread 100 bash "$work/edit-$n.sh"
	check_reread 100 restore_edits

	# The queries, on the built index, for the top person and interest.
	person=$("$kith" people --index "$index" --vault "$vault" --no-scan --format json --limit 1 --today "$today" -q |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["people"][0]["name"])')
	interest=$("$kith" interests --index "$index" --vault "$vault" --no-scan --format json --limit 1 --today "$today" -q |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["interests"][0]["name"])')
	printf '%s\n%s\n' "$person" "$interest" >"$work/$n.top"
	log "[$n] top person: $person, top interest: $interest"
	BENCH_QUICK=1 bench person "$K person $(q "$person") --index $I --vault $V --no-scan --format json --today $today -q"
	BENCH_QUICK=1 bench who "$K who $(q "$interest") --index $I --vault $V --no-scan --format json --today $today -q"
	BENCH_QUICK=1 bench digest "$K digest $V --index $I --no-scan --today $today -q"

	log "[$n] peak memory (/usr/bin/time -v, median of 3)"
	peak_rss mentions "$kith" mentions "$vault" --format jsonl -q
	peak_rss rebuild "$kith" scan "$vault" --index "$index" --rebuild -q
done

# ---------------------------------------------------------------- correctness
check_status=0
check_out=$work/check.md
if [[ " ${sizes[*]} " == *" 10000 "* ]]; then
	log "[10000] comparing kith's counts with the manifest (bench/check_manifest.py)"
	python3 "$script_dir/check_manifest.py" "$vaults/vault-10000" "$vaults/vault-10000.manifest.json" \
		--kith "$kith" >"$check_out" || check_status=$?
	if ((check_status == 1)); then
		log "MISMATCH: kith's counts differ from the manifest; see the correctness section of bench/RESULTS.md"
	elif ((check_status != 0)); then
		die "check_manifest.py failed (exit $check_status)"
	fi
	log "[10000] comparing the index's answers with kith's extraction (bench/check_index.py)"
	index_status=0
	{
		echo
		python3 "$script_dir/check_index.py" "$vaults/vault-10000" --kith "$kith"
	} >>"$check_out" || index_status=$?
	if ((index_status == 1)); then
		log "MISMATCH: the index's answers differ from the extraction; see bench/RESULTS.md"
		check_status=1
	elif ((index_status != 0)); then
		die "check_index.py failed (exit $index_status)"
	fi
else
	printf '## Correctness\n\nNot checked: it runs on the 10,000-note vault, and BENCH_SIZES was "%s".\n' \
		"${sizes[*]}" >"$check_out"
fi

# ---------------------------------------------------------------- report
cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)

# row LABEL KEY TARGET_KIND TARGET_VALUE: one table row from $work/$n.times
# TARGET_KIND: ratio (kith/rg at most VALUE), ms (under VALUE ms), none.
report_size() {
	local n=$1
	awk -F'\t' -v n="$n" -v top="$(paste -sd'\t' "$work/$n.top")" '
		function fmt(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.3f s", s) }
		FNR == 1 { split(top, t, "\t") }
		{ med[$1] = $2 }
		END {
			rg = med["rg-at"]
			label["rg-at"] = "`rg -c '\''@[A-Za-z0-9_]'\'' VAULT` (baseline)"
			label["rg-hash"] = "`rg -c '\''#[A-Za-z]'\'' VAULT`"
			label["floor-walk"] = "floor: find and stat every note (`floors walk`)"
			label["floor-read"] = "floor: … and read every note (`floors read`)"
			label["floor-parse"] = "floor: … and parse it with pulldown-cmark (`floors parse`)"
			label["mentions"] = "`kith mentions VAULT --format jsonl > /dev/null`"
			label["rebuild"] = "`kith scan VAULT --index IDX --rebuild`"
			label["unchanged"] = "`kith scan VAULT --index IDX`, nothing changed"
			label["edited"] = "`kith scan VAULT --index IDX`, 100 notes changed"
			label["person"] = "`kith person " t[1] " --no-scan --format json`"
			label["who"] = "`kith who " t[2] " --no-scan --format json`"
			label["digest"] = "`kith digest --no-scan --today 2026-11-27`"
			kind["mentions"] = "ratio"; goal["mentions"] = 1.5
			kind["rebuild"] = "ratio"; goal["rebuild"] = 3
			kind["unchanged"] = "ratio"; goal["unchanged"] = 0.25
			kind["edited"] = "ratio"; goal["edited"] = 0.35
			kind["person"] = "ms"; goal["person"] = 50
			kind["who"] = "ms"; goal["who"] = 50
			kind["digest"] = "ms"; goal["digest"] = 300
			split("rg-at rg-hash floor-walk floor-read floor-parse mentions rebuild unchanged edited person who digest", order, " ")
			print "| command | median | × rg `@` | target (100k) | result |"
			print "|---|---:|---:|---|---|"
			for (i = 1; i in order; i++) {
				k = order[i]
				if (!(k in med)) continue
				r = med[k] / rg
				target = "—"; res = "—"
				if (kind[k] == "ratio") {
					target = "≤ " goal[k] " × rg"
					res = r <= goal[k] ? "pass" : "**FAIL**"
				} else if (kind[k] == "ms") {
					target = "< " goal[k] " ms"
					res = med[k] * 1000 < goal[k] ? "pass" : "**FAIL**"
				}
				printf "| %s | %s | %.2f | %s | %s |\n", label[k], fmt(med[k]), r, target, res
			}
		}' "$work/$n.times"
}

report_memory() {
	local first=${sizes[0]} last=${sizes[${#sizes[@]} - 1]} n kb_m kb_r
	echo "| vault | notes | size | peak RSS \`mentions\` | peak RSS \`scan --rebuild\` | target (build) | result |"
	echo "|---|---:|---:|---:|---:|---|---|"
	for n in "${sizes[@]}"; do
		kb_m=$(awk -F'\t' '$1 == "mentions" {print $2}' "$work/$n.rss")
		kb_r=$(awk -F'\t' '$1 == "rebuild" {print $2}' "$work/$n.rss")
		awk -v n="$n" -v b="$(cat "$work/$n.bytes")" -v m="$kb_m" -v r="$kb_r" 'BEGIN {
			printf "| %dk | %d | %.0f MB | %.1f MB | %.1f MB | < 250 MB | %s |\n",
				n / 1000, n, b / 1e6, m / 1024, r / 1024, (r / 1024 < 250 ? "pass" : "**FAIL**")
		}'
	done
	if [[ $first != "$last" ]]; then
		echo
		awk -F'\t' -v a="$first" -v b="$last" \
			-v ba="$(cat "$work/$first.bytes")" -v bb="$(cat "$work/$last.bytes")" '
			FILENAME ~ "/" a ".rss$" { lo[$1] = $2 }
			FILENAME ~ "/" b ".rss$" { hi[$1] = $2 }
			END {
				vr = bb / ba
				printf "Growth from %dk to %dk notes: the vault grows %.1f× (bytes, %.0f× notes); ", a / 1000, b / 1000, vr, b / a
				printf "peak RSS of `mentions` %.2f×, of `scan --rebuild` %.2f× — %s.\n",
					hi["mentions"] / lo["mentions"], hi["rebuild"] / lo["rebuild"],
					(hi["rebuild"] / lo["rebuild"] <= vr ? "pass: no faster than the vault" : "**FAIL: faster than the vault**")
			}' "$work/$first.rss" "$work/$last.rss"
	fi
}

results_tmp=$(mktemp "$repo/bench/.RESULTS.md.XXXXXX")
{
	echo "# kith benchmark results"
	echo
	echo "Written by \`bench/run.sh\` (issue 6). Medians of $runs runs ($quick_runs for the"
	echo "re-scans and the questions, which take milliseconds) after 1 warm-up"
	echo "(hyperfine, \`--shell=none\`, warm page cache); every kith figure is also given as"
	echo "a ratio to \`rg -c '@[A-Za-z0-9_]'\` over the same vault in the same run. The"
	echo "issue's targets are set for the 100,000-note vault; smaller vaults are checked"
	echo "against them too, for orientation. Vaults: \`gen_vault.py --notes N --seed 1\`;"
	echo "the index is outside the vault; \"100 notes changed\" appends a line to every"
	echo "Nth note of the sorted list before each run."
	echo
	echo "The *floor* rows time about the least work a kith command must do, done with"
	echo "kith's own walk, read and allocator and nothing else (\`examples/floors.rs\`,"
	echo "all cores): a re-scan must at least find and stat every note (\`walk\`);"
	echo "extraction and a full build must at least read every note and parse the body"
	echo "of each that holds an \`@\`, \`#\` or \`[[\` (\`parse\`, pulldown-cmark with kith's"
	echo "options). A target below its floor cannot be met on this machine without a"
	echo "quicker walk or markdown parser than these."
	echo
	echo "## Machine"
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| cores (nproc) | $(nproc) |"
	echo "| CPU | ${cpu:-unknown} |"
	echo "| memory | $mem |"
	echo "| kernel | $(uname -srm) |"
	echo "| rustc | $(rustc --version 2>/dev/null || echo unknown) |"
	echo "| hyperfine | $(hyperfine --version) |"
	echo "| ripgrep | $(rg --version | head -n 1) |"
	echo "| kith commit | $commit |"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	for n in "${sizes[@]}"; do
		echo
		printf '## %s notes (%s MB)\n\n' "$n" "$(awk -v b="$(cat "$work/$n.bytes")" 'BEGIN {printf "%.0f", b / 1e6}')"
		report_size "$n"
	done
	echo
	echo "## Peak memory (maximum resident set size, median of 3)"
	echo
	report_memory
	echo
	cat "$check_out"
} >"$results_tmp"
chmod 644 "$results_tmp"
mv -- "$results_tmp" "$results"
results_tmp=
log "wrote $results"
cat "$results" >&2

if ((check_status != 0)); then
	log "done, but kith's counts differ from the manifest or its own extraction (exit 3)"
	exit 3
fi
log "done"
