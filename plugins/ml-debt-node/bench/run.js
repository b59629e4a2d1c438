#!/usr/bin/env node
// Runs a TypeScript benchmark of this package through the Backstage node
// transform (the same one the CLI uses in this repository).
require('@backstage/cli/config/nodeTransform.cjs');
require(require('node:path').resolve(__dirname, process.argv[2]));
