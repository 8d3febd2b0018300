#!/usr/bin/env node
// `npx directive ...` from a checkout: runs the TypeScript CLI through ts-node (types are checked by `npm run typecheck`).
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require(path.join(__dirname, '..', 'client', 'cli', 'main.ts'));
