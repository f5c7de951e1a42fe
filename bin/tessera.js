#!/usr/bin/env node
'use strict';
// `npx tessera <command>`: the administrator's command line (src/cli). In a checkout it builds
// dist/ first when the sources are newer, as `npm start` does; the Docker image has no sources.
const { join } = require('node:path');
const { buildIfStale } = require('../scripts/build-if-stale.js');

const root = join(__dirname, '..');
if (!buildIfStale(root)) process.exit(1);
require(join(root, 'dist', 'cli', 'main.js'));
