#!/usr/bin/env bash
# Regenerates schemas/*.schema.json from the real providers, where terraform and the registry are reachable.
#
# For each provider in schemas/providers.ts: writes a throw-away root module that pins the provider
# (source + exact version), runs `terraform init` and `terraform providers schema -json`, and trims the output
# with the same list the generator checks (scripts/bindings/trim-cli.ts), marking the listed secrets sensitive.
# Then regenerates the bindings. Usage: scripts/bindings/refresh-schemas.sh [okta-oig|oktapam|servicenow|restful ...]
# BINDINGS_SCHEMAS_DIR writes the snapshots elsewhere and skips regeneration (used by the tests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out_dir="${BINDINGS_SCHEMAS_DIR:-$root/schemas}"
command -v terraform >/dev/null || { echo "refresh-schemas: terraform is not on PATH; install it (>= 1.0) first" >&2; exit 1; }

# key source version, one provider per line, read from the list so this script never repeats it.
providers="$(node -r ts-node/register/transpile-only -e '
  const { GENERATED_PROVIDERS } = require("./schemas/providers");
  const wanted = process.argv.slice(1);
  for (const p of GENERATED_PROVIDERS) if (wanted.length === 0 || wanted.includes(p.key)) console.log(p.key, p.source, p.version);
' "$@")"
[ -n "$providers" ] || { echo "refresh-schemas: no provider matches: $*" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

while read -r key source version; do
  module="$work/$key"
  mkdir -p "$module"
  cat >"$module/main.tf" <<TF
terraform {
  required_providers {
    ${source##*/} = {
      source  = "$source"
      version = "$version"
    }
  }
}
TF
  echo "refresh-schemas: $source $version"
  # Provider environment variables would flip required attributes to optional in the dump (SDKv2 DefaultFunc).
  env -u SERVICENOW_INSTANCE_URL -u SERVICENOW_USERNAME -u SERVICENOW_PASSWORD -u OKTAPAM_KEY -u OKTAPAM_SECRET \
    -u OKTAPAM_TEAM -u OKTAPAM_API_HOST -u OKTA_ORG_NAME -u OKTA_API_TOKEN \
    terraform -chdir="$module" init -input=false -backend=false >/dev/null
  env -u SERVICENOW_INSTANCE_URL -u SERVICENOW_USERNAME -u SERVICENOW_PASSWORD -u OKTAPAM_KEY -u OKTAPAM_SECRET \
    -u OKTAPAM_TEAM -u OKTAPAM_API_HOST -u OKTA_ORG_NAME -u OKTA_API_TOKEN \
    terraform -chdir="$module" providers schema -json >"$module/schema.json"
  node -r ts-node/register/transpile-only scripts/bindings/trim-cli.ts "$key" "$module/schema.json" "$out_dir"
done <<<"$providers"

if [ -z "${BINDINGS_SCHEMAS_DIR:-}" ]; then
  node -r ts-node/register/transpile-only scripts/bindings/generate.ts --force
  echo "refresh-schemas: done; review and commit schemas/"
fi
