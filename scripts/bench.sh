#!/usr/bin/env bash
# make bench: Go micro-benchmarks, then terraform timings against the mock server.
#
#   bash scripts/bench.sh              full run (about 5 minutes on 2 cores, warm build cache)
#   BENCH_QUICK=1 bash scripts/bench.sh  smoke test: small N, 1 run (well under a minute)
#   BENCH_GO=0 ...                     skip the Go benchmarks
#
# Offline: builds the provider and the mock, installs the provider into a private
# filesystem mirror, starts the mock on a free loopback port with 20 ms latency per
# request, and for each resource type and N times `terraform apply -parallelism=10`,
# a no-change `terraform plan` (a refresh of N) and `terraform destroy`, RUNS times,
# reporting medians. terraform_data (Terraform's built-in resource, no plugin, no
# network) is timed the same way: the floor for any provider. A rate-limited
# scenario applies N applications against a mock that answers 429 beyond 20 req/s.
#
# Peak RSS: the provider in the mirror is a two-line wrapper that runs the real
# binary under GNU time (`/usr/bin/time -f %M`), which reports the kernel's
# ru_maxrss of the provider process when it exits (Terraform shuts providers down
# gracefully, so every provider process is accounted for). The peak is the maximum
# over every provider process started for that resource type and N.
#
# The report goes to stdout and to .bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# --------------------------------------------------------------------- settings
VERSION=0.1.0
PARALLELISM=10
LATENCY_MS=20
RATE=20 # requests per second the rate-limited mock allows
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  SIZES=(10 30) OTHER_N=10 RUNS=1 RATE_N=30 GO_BENCHTIME=200x
else
  SIZES=(100 300) OTHER_N=100 RUNS=3 RATE_N=200 GO_BENCHTIME=1s
fi
MAX_N=${SIZES[${#SIZES[@]} - 1]}

# ------------------------------------------------------- resource types (HCL)
# Each generator prints the configuration for N objects of one resource type.
# $1 = N, $2 = a prefix that makes names unique per run.
needs_registrar() { printf '%s\n' \
  'terraform {' \
  '  required_providers {' \
  '    registrar = { source = "registrar-dev/registrar" }' \
  '  }' \
  '}' \
  'provider "registrar" {}'; }

hcl_terraform_data() {
  cat <<HCL
resource "terraform_data" "bench" {
  count = $1
  input = {
    name          = "$2-\${count.index}"
    organization  = 1
    redirect_uris = ["https://bench.example.com/cb/\${count.index}"]
  }
}
HCL
}

hcl_awx() {
  needs_registrar
  cat <<HCL
resource "registrar_awx_oauth_application" "bench" {
  count                    = $1
  name                     = "$2-\${count.index}"
  description              = "registrar benchmark"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://bench.example.com/cb/\${count.index}"]
}
HCL
}

hcl_aap() {
  needs_registrar
  cat <<HCL
resource "registrar_aap_oauth_application" "bench" {
  count                    = $1
  name                     = "$2-\${count.index}"
  description              = "registrar benchmark"
  organization             = 1
  client_type              = "confidential"
  authorization_grant_type = "authorization-code"
  redirect_uris            = ["https://bench.example.com/cb/\${count.index}"]
}
HCL
}

hcl_ltiaas() {
  needs_registrar
  cat <<HCL
resource "registrar_ltiaas_platform" "bench" {
  count                   = $1
  url                     = "https://lms.example.edu"
  client_id               = "$2-\${count.index}"
  name                    = "registrar benchmark \${count.index}"
  authentication_endpoint = "https://lms.example.edu/auth"
  access_token_endpoint   = "https://lms.example.edu/token"
  auth_config = {
    method = "JWK_SET"
    key    = "https://lms.example.edu/jwks"
  }
}
HCL
}

hcl_tpp() {
  needs_registrar
  cat <<HCL
resource "registrar_tpp_oauth_application" "bench" {
  count          = $1
  application_id = "$2-\${count.index}"
  name           = "registrar benchmark \${count.index}"
  vendor         = "Example Corp"
  scope          = "certificate:manage"
  maximum_scope  = "certificate:manage,revoke"
}
HCL
}

hcl_timeback() {
  needs_registrar
  cat <<HCL
resource "registrar_timeback_application" "bench" {
  count       = $1
  name        = "$2-\${count.index}"
  description = "registrar benchmark"
  launch_url  = "https://quiz.example.com/launch/\${count.index}"
}
HCL
}

hcl_cronofy() {
  needs_registrar
  cat <<HCL
resource "registrar_cronofy_application" "bench" {
  count = $1
  name  = "$2-\${count.index}"
  url   = "https://scheduler.example.com/\${count.index}"
}
HCL
}

# The other resource types run at N = $OTHER_N. Their mock counts key is the
# platform name (GET /_mock/tenants/default/counts). Timeback and Cronofy have no
# delete API, so their destroy only forgets state (count key "-" skips the checks).
#
#   label                              generator            platform  sizes
SCENARIOS=(
  "terraform_data                     hcl_terraform_data   -         ${SIZES[*]}"
  "registrar_awx_oauth_application    hcl_awx              awx       ${SIZES[*]}"
  "registrar_ltiaas_platform          hcl_ltiaas           ltiaas    $OTHER_N"
  "registrar_tpp_oauth_application    hcl_tpp              tpp       $OTHER_N"
  "registrar_timeback_application     hcl_timeback         -         $OTHER_N"
  "registrar_cronofy_application      hcl_cronofy          -         $OTHER_N"
  "registrar_aap_oauth_application    hcl_aap              aap       $OTHER_N"
)
RATE_SCENARIO="registrar_awx_oauth_application hcl_awx awx"

# ------------------------------------------------------------------ plumbing
command -v terraform >/dev/null || { echo "make bench needs the terraform CLI (1.11+) on PATH"; exit 1; }
[ -x /usr/bin/time ] || { echo "make bench needs GNU time (/usr/bin/time; Debian: apt-get install time) for the provider's peak RSS"; exit 1; }
for t in curl jq; do command -v $t >/dev/null || { echo "make bench needs $t"; exit 1; }; done

BENCH=$(mktemp -d "${TMPDIR:-/tmp}/registrar-bench.XXXXXX")
MOCK_PIDS=()
cleanup() {
  for p in "${MOCK_PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$BENCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$ROOT/.bench"
REPORT="$ROOT/.bench/results.md.tmp"
: >"$REPORT"
out() { printf '%s\n' "$*" | tee -a "$REPORT"; }
say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
now() { date +%s.%N; }
fail() { echo "FAIL: $*" >&2; [ -f "$BENCH/last.log" ] && tail -n 40 "$BENCH/last.log" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fmt2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }

say "Building the provider and the mock server"
os_arch="$(go env GOOS)_$(go env GOARCH)"
plugin_dir="$BENCH/plugins/registry.terraform.io/registrar-dev/registrar/$VERSION/$os_arch"
mkdir -p "$plugin_dir" "$BENCH/bin" "$BENCH/rss"
# The same flags as a release build (.goreleaser.yml, make build).
go build -trimpath -ldflags "-s -w -X main.version=$VERSION" -o "$BENCH/bin/terraform-provider-registrar" .
go build -o "$BENCH/bin/registrar-mock" ./internal/mockapi/cmd/registrar-mock
cat >"$plugin_dir/terraform-provider-registrar_v$VERSION" <<SH
#!/bin/sh
exec /usr/bin/time -q -f '%M' -a -o "\${BENCH_RSS_FILE:-/dev/null}" "$BENCH/bin/terraform-provider-registrar" "\$@"
SH
chmod +x "$plugin_dir/terraform-provider-registrar_v$VERSION"

cat >"$BENCH/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$BENCH/plugins"
    include = ["registry.terraform.io/registrar-dev/registrar"]
  }
  direct {
    exclude = ["registry.terraform.io/registrar-dev/registrar"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$BENCH/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_LOG TF_LOG_PROVIDER TF_LOG_CORE

# start_mock NAME ARGS...: starts a mock on a free loopback port, sets MOCK_URL and
# MOCK_ENV (the provider's environment for it, which the mock prints before it
# writes the URL file).
start_mock() {
  local name=$1
  shift
  "$BENCH/bin/registrar-mock" -addr 127.0.0.1:0 -print-env -url-file "$BENCH/$name.url" "$@" >"$BENCH/$name.env" 2>"$BENCH/$name.log" &
  MOCK_PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$BENCH/$name.url" ] && break; sleep 0.05; done
  [ -s "$BENCH/$name.url" ] || { cat "$BENCH/$name.log"; fail "the mock server $name did not start"; }
  MOCK_URL=$(cat "$BENCH/$name.url")
  MOCK_ENV="$BENCH/$name.env"
}

# use_mock URL ENVFILE: points the provider at the mock (the variables it printed).
use_mock() {
  # shellcheck disable=SC1090
  . "$2"
  MOCK=$1
}

count_of() { # platform → objects the mock holds
  [ "$1" = - ] && { echo -; return; }
  curl -fsS "$MOCK/_mock/tenants/default/counts" | jq -r --arg p "$1" '.[$p]'
}
rate_faults() { curl -fsS "$MOCK/_mock/tenants/default/requests" | jq '[(. // [])[] | select(.fault == "rate")] | length'; }
set_faults() { curl -fsS -X PUT -d "$1" "$MOCK/_mock/tenants/default/faults" >/dev/null; }

# tf [-e CODE] ARGS...: runs terraform, prints "wall cpu" in seconds: the wall time, and
# the user + sys CPU time of terraform and its provider processes. Fails unless the exit
# code is CODE (default 0).
tf() {
  local want=0 code
  if [ "$1" = -e ]; then want=$2; shift 2; fi
  set +e
  /usr/bin/time -f '%e %U %S' -o "$BENCH/time.last" terraform "$@" -input=false -no-color >"$BENCH/last.log" 2>&1
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then fail "terraform $* (exit $code, want $want)"; fi
  awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$BENCH/time.last"
}

# prepare DIR GEN N PREFIX: writes the configuration and runs terraform init.
prepare() {
  rm -rf "$1" && mkdir -p "$1"
  "$2" "$3" "$4" >"$1/main.tf"
  (cd "$1" && terraform init -input=false -no-color >"$BENCH/last.log" 2>&1) || fail "terraform init"
}

MACHINE="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
TFV=$(terraform version 2>/dev/null | sed -n 1p) # sed, not head: no SIGPIPE under pipefail
GOV=$(go version | cut -d' ' -f3-)

# ---------------------------------------------------------------- Go benchmarks
if [ "${BENCH_GO:-1}" = 1 ]; then
  say "Go benchmarks (go test -run '^\$' -bench . -benchmem ./internal/...)"
  go test -run '^$' -bench . -benchmem -benchtime "$GO_BENCHTIME" ./internal/... >"$BENCH/go.txt" 2>&1 || { cat "$BENCH/go.txt"; fail "go test -bench"; }
fi

# ------------------------------------------------------------ terraform timings
start_mock latency -latency "${LATENCY_MS}ms"
use_mock "$MOCK_URL" "$MOCK_ENV"
say "mock with ${LATENCY_MS} ms latency: $MOCK"

declare -A APPLY PLAN DESTROY RSS APPLYCPU PLANCPU
ROWS=()
for sc in "${SCENARIOS[@]}"; do
  read -r label gen platform sizes <<<"$sc"
  for n in $sizes; do
    say "$label, N = $n, $RUNS run(s)"
    dir="$BENCH/work/$label-$n"
    prepare "$dir" "$gen" "$n" "bench-$n"
    a=() p=() d=() ac=() pc=()
    rssf="$BENCH/rss/$label-$n"
    : >"$rssf"
    for r in $(seq 1 "$RUNS"); do
      export BENCH_RSS_FILE=$rssf
      # Fresh names each run: Timeback cannot delete drafts and its names are global,
      # so a destroyed run's names stay taken on the platform (and in the mock).
      "$gen" "$n" "bench-$n-r$r" >"$dir/main.tf"
      res=$(cd "$dir" && tf apply -auto-approve -parallelism=$PARALLELISM)
      read -r w c <<<"$res"
      a+=("$w") ac+=("$c")
      c=$(count_of "$platform")
      [ "$c" = - ] || [ "$c" = "$n" ] || fail "$label: the mock holds $c objects after apply, want $n"
      # -detailed-exitcode: 0 is an empty plan, 2 a plan with changes (a failure here).
      res=$(cd "$dir" && tf plan -detailed-exitcode -parallelism=$PARALLELISM)
      read -r w c <<<"$res"
      p+=("$w") pc+=("$c")
      res=$(cd "$dir" && tf destroy -auto-approve -parallelism=$PARALLELISM)
      read -r w c <<<"$res"
      d+=("$w")
      c=$(count_of "$platform")
      [ "$c" = - ] || [ "$c" = 0 ] || fail "$label: the mock holds $c objects after destroy, want 0"
      echo "   run $r: apply ${a[-1]} s (cpu ${ac[-1]} s), plan ${p[-1]} s (cpu ${pc[-1]} s), destroy ${d[-1]} s" >&2
      unset BENCH_RSS_FILE
    done
    key="$label/$n"
    APPLY[$key]=$(median "${a[@]}") PLAN[$key]=$(median "${p[@]}") DESTROY[$key]=$(median "${d[@]}")
    APPLYCPU[$key]=$(median "${ac[@]}") PLANCPU[$key]=$(median "${pc[@]}")
    if [ -s "$rssf" ]; then RSS[$key]=$(sort -g "$rssf" | tail -n1); else RSS[$key]=""; fi
    ROWS+=("$key")
  done
done

# ------------------------------------------------------------ rate-limited apply
read -r rlabel rgen rplatform <<<"$RATE_SCENARIO"
say "rate-limited: $rlabel, N = $RATE_N, mock allows $RATE req/s, $RUNS run(s)"
start_mock rate -latency "${LATENCY_MS}ms" -max-rps "$RATE"
use_mock "$MOCK_URL" "$MOCK_ENV"
dir="$BENCH/work/rate"
prepare "$dir" "$rgen" "$RATE_N" "rate"
ra=() r429=()
for r in $(seq 1 "$RUNS"); do
  set_faults "{\"latency\": $((LATENCY_MS * 1000000)), \"max_rps\": $RATE}"
  before=$(rate_faults)
  res=$(cd "$dir" && tf apply -auto-approve -parallelism=$PARALLELISM)
  read -r w _ <<<"$res"
  ra+=("$w")
  r429+=($(($(rate_faults) - before)))
  c=$(count_of "$rplatform")
  [ "$c" = "$RATE_N" ] || fail "rate-limited: the mock holds $c objects after apply, want $RATE_N"
  # Clean up without the limit, so that only the apply is rate-limited.
  set_faults "{\"latency\": $((LATENCY_MS * 1000000))}"
  (cd "$dir" && tf destroy -auto-approve -parallelism=$PARALLELISM) >/dev/null
  echo "   run $r: apply ${ra[-1]} s, ${r429[-1]} requests answered 429" >&2
done
RATE_APPLY=$(median "${ra[@]}")
RATE_429=$(median "${r429[@]}")

# ---------------------------------------------------------------------- report
floor_key="terraform_data"
rt() { awk -v n="$1" -v p="$PARALLELISM" -v l="$LATENCY_MS" -v k="$2" 'BEGIN { printf "%.3f", k * int((n + p - 1) / p) * l / 1000 }'; }
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo "n/a"; }

out "# registrar provider benchmarks"
out ""
out "- date: $(date -u +%Y-%m-%dT%H:%MZ)$([ "${BENCH_QUICK:-0}" = 1 ] && echo " (QUICK MODE: small N, 1 run; not a measurement)")"
out "- machine: $MACHINE; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
out "- $TFV, $GOV; mock latency $LATENCY_MS ms per request; -parallelism=$PARALLELISM; medians of $RUNS run(s)"
out ""
out "## Terraform wall time (seconds) and provider peak RSS"
out ""
out "\"plan\" is a no-change plan after the apply (a refresh of N). \"round trips\" is the unavoidable"
out "latency at the given parallelism: ceil(N / $PARALLELISM) x $LATENCY_MS ms per sequential wave of requests"
out "(apply: one POST per object; plan: one GET; destroy: a refresh GET and a DELETE)."
out ""
out "CPU is user + sys of terraform and its provider processes (less sensitive than wall time to"
out "other load on the machine)."
out ""
out "| resource | N | apply | plan | destroy | round trips apply / plan / destroy | apply CPU | plan CPU | provider peak RSS (MB) |"
out "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for key in "${ROWS[@]}"; do
  label=${key%/*} n=${key#*/}
  if [ "$label" = "$floor_key" ]; then trips="-" rss="- (in-process)"; else
    trips="$(rt "$n" 1) / $(rt "$n" 1) / $(rt "$n" 2)"
    rss=$(mb "${RSS[$key]}")
  fi
  out "| \`$label\` | $n | $(fmt2 "${APPLY[$key]}") | $(fmt2 "${PLAN[$key]}") | $(fmt2 "${DESTROY[$key]}") | $trips | $(fmt2 "${APPLYCPU[$key]}") | $(fmt2 "${PLANCPU[$key]}") | $rss |"
done
out ""
out "## Rate-limited apply"
out ""
out "The mock allows $RATE requests/s (token bucket, burst $RATE) and answers 429 with Retry-After: 1 beyond;"
out "the provider runs with its defaults (max_retries 6, no client-side limit)."
out ""
out "| resource | N | apply (s) | lower bound N / rate (s) | ratio | requests answered 429 | errors |"
out "|---|---:|---:|---:|---:|---:|---:|"
lb=$(awk -v n="$RATE_N" -v r="$RATE" 'BEGIN { printf "%.2f", n / r }')
out "| \`$rlabel\` | $RATE_N | $(fmt2 "$RATE_APPLY") | $lb | $(awk -v a="$RATE_APPLY" -v b="$lb" 'BEGIN { printf "%.2f", a / b }') | $RATE_429 | 0 |"
out ""

# Per-request overhead: transport.Client.Do minus the raw net/http round trip (Go benchmarks).
OVERHEAD_US="" OVERHEAD_LINES=""
if [ -f "$BENCH/go.txt" ]; then
  OVERHEAD_LINES=$(awk '
    /^Benchmark(Raw|Client)/ { name = $1; sub(/-[0-9]+$/, "", name); ns[name] = $3 }
    END {
      n = split("ClientDoGet:RawRoundTripGet ClientDoPost:RawRoundTripPost ClientDoGetParallel:RawRoundTripGetParallel ClientDoGetTraceLog:RawRoundTripGet", pairs, " ")
      for (i = 1; i <= n; i++) {
        split(pairs[i], p, ":"); c = "Benchmark" p[1]; r = "Benchmark" p[2]
        if ((c in ns) && (r in ns)) printf "- %s: %.0f ns/op, %s: %.0f ns/op, difference %.1f us\n", p[1], ns[c], p[2], ns[r], (ns[c] - ns[r]) / 1000
      }
    }' "$BENCH/go.txt")
  OVERHEAD_US=$(printf '%s\n' "$OVERHEAD_LINES" | grep -v TraceLog | awk '{ v = $(NF - 1) + 0; if (NR == 1 || v > m) m = v } END { if (NR) printf "%.1f", m }')
fi

# Targets, at the largest N.
out "## Targets (N = $MAX_N)"
out ""
out "| target | measured | bound | met |"
out "|---|---:|---:|:---:|"
awx="registrar_awx_oauth_application/$MAX_N" fl="$floor_key/$MAX_N"
check() { awk -v m="$2" -v b="$3" 'BEGIN { exit !(m <= b) }' && echo yes || echo "**no**"; }
for op in apply plan; do
  if [ "$op" = apply ]; then m=${APPLY[$awx]} f=${APPLY[$fl]}; else m=${PLAN[$awx]} f=${PLAN[$fl]}; fi
  b=$(awk -v f="$f" -v t="$(rt "$MAX_N" 1)" 'BEGIN { printf "%.2f", 1.1 * (f + t) }')
  out "| $op of $MAX_N AWX applications within 1.1 x (terraform_data floor $(fmt2 "$f") s + round trips $(rt "$MAX_N" 1) s) | $(fmt2 "$m") s | $b s | $(check x "$m" "$b") |"
done
rss=${RSS[$awx]:-}
if [ -n "$rss" ]; then
  out "| provider peak RSS at N = $MAX_N under 50 MB | $(mb "$rss") MB | 50 MB | $(check x "$(mb "$rss")" 50) |"
else
  out "| provider peak RSS at N = $MAX_N under 50 MB | n/a | 50 MB | ? |"
fi
rb=$(awk -v n="$RATE_N" -v r="$RATE" 'BEGIN { printf "%.2f", 1.25 * n / r }')
out "| rate-limited apply of $RATE_N within 1.25 x N / rate | $(fmt2 "$RATE_APPLY") s | $rb s | $(check x "$RATE_APPLY" "$rb") |"
if [ -n "$OVERHEAD_US" ]; then
  out "| the provider adds under 1 ms per request over the raw round trip (worst of the Go benchmark pairs below) | $OVERHEAD_US us | 1000 us | $(check x "$OVERHEAD_US" 1000) |"
else
  out "| the provider adds under 1 ms per request over the raw round trip | n/a (BENCH_GO=0) | 1000 us | ? |"
fi
out ""

if [ -f "$BENCH/go.txt" ]; then
  out "## Go benchmarks"
  out ""
  out "\`go test -run '^\$' -bench . -benchmem -benchtime $GO_BENCHTIME ./internal/...\`"
  out ""
  out '```'
  grep -E '^(Benchmark|pkg:|ok|cpu:)' "$BENCH/go.txt" | tee -a "$REPORT"
  out '```'
  out ""
  out "Per-request overhead of the provider's transport over a raw net/http round trip (same server,"
  out "same body; TraceLog is with a TRACE-level tflog logger, as under TF_LOG=trace):"
  out ""
  out "$OVERHEAD_LINES"
  out ""
fi
mv "$REPORT" "$ROOT/.bench/results.md"
echo >&2
echo "(written to .bench/results.md)" >&2
