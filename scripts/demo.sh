#!/usr/bin/env bash
# make demo: build the provider, start the mock, install the provider into a local
# filesystem mirror, `terraform init` + `apply` examples/demo offline, show the
# result, check that a second plan is empty, destroy, stop the mock, clean up.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s.%N)
VERSION=$(cat VERSION)
DEMO=$(mktemp -d "${TMPDIR:-/tmp}/registrar-demo.XXXXXX")
MOCK_PID=""
cleanup() {
  [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null && wait "$MOCK_PID" 2>/dev/null || true
  rm -rf "$DEMO"
}
trap cleanup EXIT
# Bold headings on a terminal only: no escape codes in CI logs or when piped.
if [ -t 1 ]; then step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }; else step() { printf '\n== %s\n' "$*"; }; fi

command -v terraform >/dev/null || { echo "make demo needs the terraform CLI (1.11+) on PATH"; exit 1; }

step "Building the provider and the mock server"
os_arch="$(go env GOOS)_$(go env GOARCH)"
plugin_dir="$DEMO/plugins/registry.terraform.io/registrar-dev/registrar/$VERSION/$os_arch"
mkdir -p "$plugin_dir"
go build -ldflags "-X main.version=$VERSION" -o "$plugin_dir/terraform-provider-registrar_v$VERSION" .
go build -o "$DEMO/registrar-mock" ./internal/mockapi/cmd/registrar-mock

step "Starting the mock server on loopback"
"$DEMO/registrar-mock" -addr 127.0.0.1:0 -print-env -url-file "$DEMO/url" >"$DEMO/env" 2>"$DEMO/mock.log" &
MOCK_PID=$!
for _ in $(seq 1 100); do [ -s "$DEMO/url" ] && break; sleep 0.05; done
[ -s "$DEMO/url" ] || { echo "the mock server did not start:"; cat "$DEMO/mock.log"; exit 1; }
URL=$(cat "$DEMO/url")
echo "mock: $URL"

# The provider reads its settings from the environment, as in CI pipelines: the
# mock printed them (-print-env) before it wrote the URL file.
# shellcheck disable=SC1091
. "$DEMO/env"

# Offline installation from a filesystem mirror.
cat > "$DEMO/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$DEMO/plugins"
    include = ["registry.terraform.io/registrar-dev/registrar"]
  }
  direct {
    exclude = ["registry.terraform.io/registrar-dev/registrar"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$DEMO/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
mkdir -p "$DEMO/work"
cp examples/demo/*.tf "$DEMO/work/"
cd "$DEMO/work"

step "terraform init (offline, from the local mirror)"
terraform init -input=false -no-color | grep -E "Installing|Installed|successfully initialized" || true

step "terraform apply"
# The outputs are shown once, below, not also at the end of the apply.
terraform apply -input=false -auto-approve -no-color | sed '/^Outputs:/,$d'

step "What was registered (secrets stay in state, never printed)"
terraform output -raw summary
echo
echo
echo "The secrets are sensitive outputs; \`terraform output\` shows:"
terraform output -no-color | grep -E '^portal_client_secret'

step "A second plan: no changes expected"
set +e
terraform plan -input=false -detailed-exitcode -no-color > "$DEMO/plan.txt"
code=$?
set -e
if [ "$code" -ne 0 ]; then cat "$DEMO/plan.txt"; echo "FAIL: the second plan is not empty (exit $code)"; exit 1; fi
grep -E "No changes" "$DEMO/plan.txt"

step "terraform destroy"
# Platforms without a delete API (Timeback, Cronofy) warn that the object stays there:
# expected here, so each warning is shown as one line (its title and resource).
terraform destroy -input=false -auto-approve -no-color > "$DEMO/destroy.txt" 2>&1 || { cat "$DEMO/destroy.txt"; exit 1; }
awk '/^Warning: /{w=$0; getline; getline; sub(/^[ ]*with /,"",$0); sub(/,$/,"",$0); print w " (" $0 ")"}' "$DEMO/destroy.txt" | sort -u
grep -E '^Destroy complete' "$DEMO/destroy.txt"

end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "\nDemo finished in %.1f s.\n", e - s }'
