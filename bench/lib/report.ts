import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { FEATURE_RUNS, RESULTS_DIR, ROOT, SETTINGS } from './settings';

export interface Goal {
  /** `min`: the ratio must be at least `value`; `max`: at most. */
  kind: 'min' | 'max';
  value: number;
}

export interface Outcome {
  id: string;
  pass: string;
  title: string;
  metric: string;
  subject: string;
  reference: string;
  /** Medians, in the metric's unit. */
  subjectValue: number | null;
  referenceValue: number | null;
  ratio: number | null;
  goal: Goal;
  runs: { subject: number[]; reference: number[] };
  /** Server CPU time (user + system) per 2xx answer over all measured runs, when the two sides are different processes. */
  cpuMsPerRequest?: { subject: number | null; reference: number | null };
  note?: string;
}

export const met = (outcome: Outcome) =>
  outcome.ratio === null ? null : outcome.goal.kind === 'min' ? outcome.ratio >= outcome.goal.value : outcome.ratio <= outcome.goal.value;

/** Chart labels: the scenario in a few words. */
const SHORT: Record<string, string> = {
  1: 'token vs oidc-provider opaque',
  2: 'token vs oidc-provider JWT',
  3: 'Bearer, 100 rooms vs baseline',
  4: 'Bearer, 1 room vs baseline',
  5: 'API key, 100 rooms vs baseline',
  6: 'OData vs REST, 100 rooms',
  7: 'deep next link vs first page',
  8: 'full pull vs baseline loop',
  9: 'token p99 with 20 logins/s',
  10: '$expand vs plain, 100 rooms',
  11: '3-function $filter vs plain',
  12: 'delta of 1,000 vs first page',
  13: 'gzip vs plain, 1,000 rooms',
};

export const goalText = (goal: Goal) => `${goal.kind === 'min' ? '≥' : '≤'} ${goal.value}×`;
const number = (value: number | null, digits = 1) =>
  value === null ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(outcomes: Outcome[]): string {
  const head =
    '| # | pass | scenario | metric | Tessera | reference | ratio | target | met | server CPU ms/req (Tessera / ref.) |\n|---|---|---|---|---:|---:|---:|---|---|---|';
  const rows = outcomes.map((o) => {
    const verdict = met(o) === null ? `not run: ${o.note ?? ''}` : `${met(o) ? 'yes' : 'no'}${o.note ? ` (${o.note})` : ''}`;
    const cpu = o.cpuMsPerRequest ? `${number(o.cpuMsPerRequest.subject, 2)} / ${number(o.cpuMsPerRequest.reference, 2)}` : '—';
    const digits = o.metric === 'mean latency ms' ? 3 : 1;
    return `| ${o.id} | ${o.pass} | ${o.title} | ${o.metric} | ${number(o.subjectValue, digits)} | ${o.reference}: ${number(o.referenceValue, digits)} | ${o.ratio === null ? '—' : `${o.ratio.toFixed(2)}×`} | ${goalText(o.goal)} | ${verdict} | ${cpu} |`;
  });
  return [head, ...rows].join('\n');
}

function environment(): string {
  const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  const dirty = execSync('git status --porcelain -- src bench', { cwd: ROOT }).toString().trim() ? ' (with uncommitted changes)' : '';
  return [
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on commit \`${commit}\`${dirty}, Node ${process.version},`,
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load generator (autocannon) on the same machine, loopback only.`,
    `Each figure is the median of ${SETTINGS.runs} runs (scenarios 10, 11, 13: ${FEATURE_RUNS}) of ${SETTINGS.duration} s at ${SETTINGS.connections} connections`,
    `(latency scenarios: 1 connection), after a ${SETTINGS.warmup} s warm-up; Tessera and its reference run alternately,`,
    'and the ratio is the median of the per-run ratios (each Tessera run against the reference run right after it).',
  ].join('\n');
}

/** The SVG chart: one bar per comparison, its ratio against the target line. */
export function chart(outcomes: Outcome[]): string {
  const measured = outcomes.filter((o) => o.ratio !== null);
  const rowHeight = 26;
  const left = 330;
  const width = 760;
  const plot = width - left - 110;
  const top = 30;
  const scaleMax = Math.max(2, ...measured.map((o) => Math.max(o.ratio!, o.goal.value))) * 1.05;
  const x = (ratio: number) => left + (ratio / scaleMax) * plot;
  const height = top + measured.length * rowHeight + 30;
  const bars = measured.map((o, i) => {
    const y = top + i * rowHeight;
    const colour = met(o) ? '#2e7d32' : '#c62828';
    const label = `${o.id} ${o.pass}: ${SHORT[o.id] ?? o.title}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return [
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${label.length > 52 ? `${label.slice(0, 51)}…` : label}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${Math.max(1, x(o.ratio!) - left).toFixed(1)}" height="${rowHeight - 10}" fill="${colour}"/>`,
      `<line x1="${x(o.goal.value).toFixed(1)}" x2="${x(o.goal.value).toFixed(1)}" y1="${y + 1}" y2="${y + rowHeight - 3}" stroke="#000" stroke-width="2"/>`,
      `<text x="${(Math.max(x(o.ratio!), x(o.goal.value)) + 6).toFixed(1)}" y="${y + 15}">${o.ratio!.toFixed(2)}× (${goalText(o.goal).replace('≥', '&#8805;').replace('≤', '&#8804;')})</text>`,
    ].join('');
  });
  const axis = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10]
    .filter((v) => v <= scaleMax)
    .map(
      (v) =>
        `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top - 4}" y2="${height - 26}" stroke="#ddd"/><text x="${x(v).toFixed(1)}" y="${height - 12}" text-anchor="middle">${v}×</text>`,
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<text x="${left}" y="16" font-weight="bold">Tessera ÷ reference (bar), target (black line); green = met</text>`,
    ...axis,
    ...bars,
    '</svg>',
    '',
  ].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated part of docs/benchmarks.md (between the markers), writes the chart and the raw JSON. */
export function writeReport(outcomes: Outcome[], extra: string[]): void {
  const docs = join(ROOT, 'docs', 'benchmarks.md');
  const generated = [START, environment(), '', table(outcomes), '', ...extra, '', '![Ratios](benchmarks.svg)', END].join('\n');
  const current = existsSync(docs) ? readFileSync(docs, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const updated = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), () => generated)
    : `${current}\n${generated}\n`;
  writeFileSync(docs, updated);
  writeFileSync(join(ROOT, 'docs', 'benchmarks.svg'), chart(outcomes));
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(outcomes, null, 2));
}
