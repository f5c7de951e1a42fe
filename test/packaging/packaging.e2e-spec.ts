import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import { ensureBuilt, REPO, runToEnd } from '../support/built-tessera';

// Docker cannot run on the machines that run these tests: what can be checked without it is.
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');
const dockerfile = read('Dockerfile');
const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map(([, image, name]) => ({ image, name }));
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Record<string, unknown>> };
const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; bin: Record<string, string>; scripts: Record<string, string> };

describe('the Docker image', () => {
  it('runs on the current Node.js LTS (26), in both stages', () => {
    expect(stages).toEqual([
      { image: 'node:26-trixie-slim', name: 'build' },
      { image: 'node:26-trixie-slim', name: 'release' },
    ]);
  });

  it('copies only what exists and .dockerignore lets through', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean);
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap(([, list]) => list.split(' '));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'src', 'bin', 'scripts/build-if-stale.js']));
    for (const source of sources) {
      expect([source, existsSync(join(REPO, source))]).toEqual([source, true]);
      expect(ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
  });

  it('puts the CLI on the PATH as `tessera` and starts the server from dist/main.js as `npm start` does', () => {
    expect(dockerfile).toContain('RUN ln -s /app/bin/tessera.js /usr/local/bin/tessera');
    // The same Node flags (docs/decisions.md, "A young generation that does not shrink").
    const [, startFlags] = /^node (.*)dist\/main\.js$/.exec(pkg.scripts.start)!;
    expect(startFlags).toBe('--min-semi-space-size=16 ');
    const cmd = startFlags
      .split(' ')
      .filter(Boolean)
      .map((flag) => `"${flag}", `)
      .join('');
    expect(dockerfile).toMatch(new RegExp(`^CMD \\["node", ${cmd}"dist/main\\.js"\\]$`, 'm'));
    expect(pkg.bin).toEqual({ tessera: 'bin/tessera.js' });
  });

  it('runs the CLI and the migrations from the release layout (dist/, no sources, nothing to build)', async () => {
    ensureBuilt();
    const app = mkdtempSync(join(tmpdir(), 'tessera-release-'));
    symlinkSync(join(REPO, 'node_modules'), join(app, 'node_modules'));
    cpSync(join(REPO, 'dist'), join(app, 'dist'), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(app, 'package.json'));
    cpSync(join(REPO, 'bin'), join(app, 'bin'), { recursive: true });
    mkdirSync(join(app, 'scripts'));
    cpSync(join(REPO, 'scripts', 'build-if-stale.js'), join(app, 'scripts', 'build-if-stale.js'));
    const env = { DATABASE_URL: `sqlite:${join(app, 'data', 'tessera.sqlite')}` };
    const migrate = await runToEnd([join(app, 'bin', 'tessera.js'), 'migrate'], env, { cwd: app });
    expect(migrate.stderr).not.toContain('Building');
    expect(migrate).toMatchObject({ code: 0, stdout: expect.stringMatching(/^(applied \w+\n)+$/) });
    expect(await runToEnd([join(app, 'bin', 'tessera.js'), 'user:create', 'ops', '--admin'], env, { cwd: app })).toMatchObject({ code: 0 });
  }, 300_000);
});

describe('docker-compose.yml', () => {
  it('scales tessera behind nginx: only the load balancer has a host port', () => {
    const { tessera, lb } = compose.services;
    expect(tessera.ports).toBeUndefined();
    expect(tessera.expose).toEqual(['3000']);
    expect(lb).toMatchObject({
      image: expect.stringMatching(/^nginx:1\.(29|[3-9]\d)/),
      ports: ['3000:80'],
      volumes: ['./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro'],
    });
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/^\s*server tessera:3000 resolve;$/m);
    expect(nginx).toMatch(/^resolver 127\.0\.0\.11 /m);
    expect(nginx).toMatch(/^\s*proxy_pass http:\/\/tessera;$/m);
    // The edge proxy overwrites X-Forwarded-For: appended to, the left-most address (the one Fastify's
    // trustProxy takes) would be whatever the client sent, so every per-IP limit and audited IP
    // would be the client's choice (review F23).
    expect(nginx).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
  });

  it('tells Tessera to trust the proxy, and runs the migrations once before any instance', () => {
    const { tessera, migrate } = compose.services;
    expect(tessera.environment).toMatchObject({
      TRUST_PROXY: 'true',
      REDIS_URL: 'redis://redis:6379',
      DATABASE_URL: expect.stringMatching(/^mysql:\/\//),
    });
    expect(migrate).toMatchObject({ command: ['tessera', 'migrate'], restart: 'no', image: tessera.image });
    expect(tessera.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
  });
});

describe('package versions', () => {
  it("gives Tessera's Node a young generation of 16 MB from the start (the flags of npm start)", () => {
    const flags = /^node (.*)dist\/main\.js$/.exec(pkg.scripts.start)![1].split(' ').filter(Boolean);
    const probe =
      "const s = require('v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space'); console.log(s.space_size / 1048576)";
    const run = (args: string[]) => spawnSync(process.execPath, [...args, '-e', probe], { encoding: 'utf8' });
    expect(run(flags)).toMatchObject({ status: 0, stdout: '16\n' });
    expect(Number(run([]).stdout)).toBeLessThan(16);
  });

  it("keeps working on Node 20 (these machines) and on the image's Node 26", () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
    expect(semver.satisfies('26.0.0', pkg.engines.node)).toBe(true);
  });

  it('installs no package whose engines exclude the running Node.js (no EBADENGINE warning)', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>;
    };
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(process.version, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path} wants node ${(entry.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });
});
