import { readFileSync } from 'node:fs';

/**
 * `ts-node bench/profile-summary.ts <file.cpuprofile> [top]`: where a `node --cpu-prof` profile's
 * time went, by self time per function and per package (node_modules/<pkg>, src/<module>, node:).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  if (!url) return '(native/gc/idle)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/([^/]+)/.exec(url) ?? /\/(src|bench)\/([^/]+)/.exec(url);
  return own ? `tessera:${own[own.length - 1].replace(/\.js$/, '')}` : url;
}

function summarize(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/')}:${lineNumber + 1}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + delta);
    selfByOwner.set(owner(url), (selfByOwner.get(owner(url)) ?? 0) + delta);
    total += delta;
  });
  const table = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return `busy ${(total / 1e6).toFixed(1)} s sampled (idle excluded; percentages of busy time)\n\n-- self time by owner --\n${table(selfByOwner)}\n\n-- self time by function --\n${table(selfByFunction)}\n`;
}

const [file, top = '25'] = process.argv.slice(2);
process.stdout.write(summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top)));
