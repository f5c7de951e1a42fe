#!/usr/bin/env node
'use strict';
// `npm start` and `npx tessera` run this first: it builds dist/ only when a source is newer than the
// last build (dist/.build-stamp). A checkout without src/ (the Docker image) never builds.
// `--check [root]` only says "fresh" or "stale" (exit 0 or 1); `--force` builds in any case (`npm run build`).
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const STAMP = join('dist', '.build-stamp');
const LOCK = 'dist.build-lock';
const LOCK_STALE_MS = 10 * 60 * 1000;

/** The newest modification time among the build's inputs (directories too: a deleted file changes its folder). */
function newestInput(root) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of INPUTS) visit(join(root, input));
  return newest;
}

function isStale(root) {
  if (!existsSync(join(root, 'src'))) return false;
  const stamp = statSync(join(root, STAMP), { throwIfNoEntry: false });
  return !stamp || newestInput(root) > stamp.mtimeMs;
}

/** One build at a time (parallel test workers, two terminals): mkdir is atomic. */
function withLock(root, work) {
  const lock = join(root, LOCK);
  const waitUntil = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS || Date.now() > waitUntil) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(root) {
  const started = new Date();
  process.stderr.write('Building Tessera into dist/…\n');
  const nest = join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
  const result = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) return false;
  writeFileSync(join(root, STAMP), `${started.toISOString()}\n`);
  // The stamp carries the build's start: a file saved while it ran is newer, and builds next time.
  utimesSync(join(root, STAMP), started, started);
  return true;
}

function buildIfStale(root, force = false) {
  if (!force && !isStale(root)) return true;
  return withLock(root, () => (!force && !isStale(root)) || build(root));
}

module.exports = { buildIfStale, isStale };

if (require.main === module) {
  const args = process.argv.slice(2);
  const mode = args[0]?.startsWith('--') ? args.shift() : null;
  const root = args[0] ?? join(__dirname, '..');
  if (mode === '--check') {
    const stale = isStale(root);
    process.stdout.write(stale ? 'stale\n' : 'fresh\n');
    process.exit(stale ? 1 : 0);
  }
  process.exit(buildIfStale(root, mode === '--force') ? 0 : 1);
}
