import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the project's layer rules (`npm run lint:layers`) over a small tree; its output, and whether it passed. */
function cruise(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-layers-'));
  try {
    cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022' } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const output = execFileSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 13: the import-layer check fails on an import running upwards, sideways off the list, or into a folder in no layer. */
describe('the layer rules (npm run lint:layers)', () => {
  it('accepts imports that run down the layers', () => {
    const result = cruise({
      'src/web/page.ts': "import { x } from '../users/x';\nexport const y = x;\n",
      'src/users/x.ts': 'export const x = 1;\n',
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses an import that runs upwards', () => {
    const result = cruise({
      'src/users/x.ts': "import { y } from '../oauth/y';\nexport const x = y;\n",
      'src/oauth/y.ts': 'export const y = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('layer:users');
  });

  it('refuses a sideways import that is not listed, so two folders of one layer cannot import each other', () => {
    const result = cruise({
      'src/keys/x.ts': "import { y } from '../resources/y';\nexport const x = y;\n",
      'src/resources/y.ts': 'export const y = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('layer:keys');
  });

  it('refuses an import of a folder that belongs to no layer', () => {
    const result = cruise({
      'src/users/x.ts': "import { y } from '../misc/y';\nexport const x = y;\n",
      'src/misc/y.ts': 'export const y = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('no-folder-outside-the-layers');
  });
});
