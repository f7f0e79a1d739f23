#!/bin/sh
# Runs the Shopify CLI's own type generation for the discount function, offline: the first step
# of `shopify app build` for a JavaScript function (GraphQL Code Generator from the `codegen` key
# of extensions/offer-discounts/package.json). The CLI is not a project dependency (it is large
# and needs Node >= 22.12): pass its binary, e.g. from `npm install @shopify/cli` in a scratch
# folder, and a Node 22 binary (the `node` devDependency provides node_modules/.bin/node).
#
# Usage: scripts/function-typegen.sh PATH/TO/node_modules/.bin/shopify
set -eu
cli="${1:?usage: scripts/function-typegen.sh SHOPIFY_CLI_BINARY}"
root="$(cd "$(dirname "$0")/.." && pwd)"
node22="$root/node_modules/.bin/node"
cd "$root"
SHOPIFY_CLI_NO_ANALYTICS=1 "$node22" "$cli" app function typegen \
  --path extensions/offer-discounts --no-color
