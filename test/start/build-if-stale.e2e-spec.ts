import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runToEnd } from '../support/built-tessera';

const SCRIPT = join(REPO, 'scripts', 'build-if-stale.js');
const check = (root: string) => runToEnd([SCRIPT, '--check', root], {});
const at = (path: string, secondsAgo: number) => {
  const time = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, time, time);
};

/** A checkout whose sources were saved 60 s ago and whose last build (if any) is given. */
function checkout(built: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'tessera-stale-'));
  mkdirSync(join(root, 'src', 'users'), { recursive: true });
  for (const file of ['src/main.ts', 'src/users/users.service.ts', 'tsconfig.json']) {
    writeFileSync(join(root, file), '');
    at(join(root, file), 60);
  }
  at(join(root, 'src', 'users'), 60);
  at(join(root, 'src'), 60);
  if (built) {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', '.build-stamp'), '');
    at(join(root, 'dist', '.build-stamp'), 30);
  }
  return root;
}

describe('npm start builds only when the sources are newer than dist/', () => {
  it('builds a checkout that was never built', async () => {
    expect((await check(checkout(false))).stdout).toBe('stale\n');
  });

  it('starts a built checkout without building', async () => {
    const run = await check(checkout(true));
    expect(run).toMatchObject({ code: 0, stdout: 'fresh\n' });
  });

  it('builds again when a source file was saved after the build', async () => {
    const root = checkout(true);
    at(join(root, 'src', 'users', 'users.service.ts'), 5);
    expect((await check(root)).stdout).toBe('stale\n');
  });

  it('builds again when a source file was deleted after the build (its folder changed)', async () => {
    const root = checkout(true);
    at(join(root, 'src', 'users'), 5);
    expect((await check(root)).stdout).toBe('stale\n');
  });

  it('never builds where there are no sources (the Docker image)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-image-'));
    expect((await check(root)).stdout).toBe('fresh\n');
  });

  it('is what npm start runs first', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toBe('node scripts/build-if-stale.js');
    expect(scripts.start).toBe('node --min-semi-space-size=16 dist/main.js');
  });
});
