/**
 * Tessera's layers (docs/architecture.md): a folder under src/ may import folders of the layers
 * below it, never above. Inside one layer only the sideways imports listed in SIDEWAYS are
 * allowed, and that list must itself be free of cycles, so no two folders can ever import each
 * other, directly or round a loop. `npm run lint` runs this (depcruise), and CI with it.
 */
const LAYERS = [
  ['main.ts', 'app.module.ts', 'bootstrap', 'cli'],
  ['web'],
  ['admin'],
  ['oauth'],
  ['keys', 'resources', 'health', 'federation'],
  ['auth'],
  ['users', 'clients', 'databases', 'audit'],
  ['limits', 'logging'],
  ['database'],
  ['common', 'html', 'config'],
];

/** Same-layer imports that are allowed (from → to). Kept acyclic: checked below. */
const SIDEWAYS = {
  'main.ts': ['bootstrap'],
  cli: ['bootstrap', 'app.module.ts'],
  bootstrap: ['app.module.ts'],
  clients: ['users', 'audit'],
  databases: ['audit'],
  users: ['audit'],
  common: ['config', 'html'],
};

const layerOf = new Map(LAYERS.flatMap((folders, index) => folders.map((folder) => [folder, index])));
const pathOf = (folder) => (folder.endsWith('.ts') ? `^src/${folder.replace('.', '\\.')}$` : `^src/${folder}/`);
const anyOf = (folders) => (folders.length ? `(${folders.map(pathOf).join('|')})` : '^$');

function assertAcyclic(graph) {
  const state = new Map();
  const visit = (node, trail) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') throw new Error(`SIDEWAYS has a cycle: ${[...trail, node].join(' → ')}`);
    state.set(node, 'open');
    for (const next of graph[node] ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of Object.keys(graph)) visit(node, []);
}
assertAcyclic(SIDEWAYS);

const unknown = [...new Set([...Object.keys(SIDEWAYS), ...Object.values(SIDEWAYS).flat()])].filter((f) => !layerOf.has(f));
if (unknown.length) throw new Error(`SIDEWAYS names folders that are in no layer: ${unknown.join(', ')}`);

const layerRules = [...layerOf].map(([folder, layer]) => {
  const above = [...layerOf].filter(([, other]) => other < layer).map(([other]) => other);
  const sameLayer = LAYERS[layer].filter((other) => other !== folder && !(SIDEWAYS[folder] ?? []).includes(other));
  return {
    name: `layer:${folder}`,
    comment: `${folder} may import only lower layers${SIDEWAYS[folder] ? ` and ${SIDEWAYS[folder].join(', ')}` : ''} (docs/architecture.md)`,
    severity: 'error',
    from: { path: pathOf(folder) },
    to: { path: anyOf([...above, ...sameLayer]) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-folder-outside-the-layers',
      comment: 'every folder under src/ belongs to a layer in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: anyOf([...layerOf.keys()]) },
    },
    {
      name: 'no-circular',
      comment: 'modules do not import each other round a loop (entities that relate to each other excepted: TypeORM needs both sides)',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
