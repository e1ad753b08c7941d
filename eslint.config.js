// Lint rules: typescript-eslint's recommended set, Pepr-style size caps, and the import direction
// of DESIGN.md (cli, portal -> features -> runtime -> kube -> core), with other modules reached
// only through their index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = {
  core: [],
  kube: ['core'],
  runtime: ['core', 'kube'],
  git: ['core', 'runtime'],
  render: ['core'],
  helmrepo: ['core', 'render'],
  orchestrator: ['core', 'kube', 'runtime'],
  fleet: ['core', 'kube', 'runtime'],
  appset: ['core', 'kube', 'runtime', 'git', 'render', 'fleet'],
  gitops: ['core', 'kube', 'runtime', 'git', 'render', 'helmrepo', 'fleet'],
  simnodes: ['core', 'kube', 'runtime'],
  local: ['core', 'kube', 'runtime', 'git'],
  cli: ['core', 'kube', 'runtime', 'git', 'render', 'helmrepo', 'gitops', 'simnodes', 'local', 'orchestrator', 'fleet', 'appset'],
  testkit: ['core', 'kube', 'git'],
};
const MODULES = Object.keys(LAYERS);

function directionRules(module, extra = []) {
  const allowed = new Set([...LAYERS[module], ...extra]);
  const patterns = MODULES.filter((m) => m !== module).map((m) =>
    allowed.has(m)
      ? { group: [`**/${m}/*`, `!**/${m}/index.js`], message: `import ${m} only through its index.js` }
      : { group: [`**/${m}/*`], message: `${module} may not import ${m} (imports point down: see DESIGN.md)` },
  );
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      complexity: ['warn', 12],
      'max-depth': ['warn', 3],
      'max-params': ['warn', 4],
      'max-statements': ['warn', 25],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true } }],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: { 'max-statements': 'off', complexity: 'off' },
  },
  ...MODULES.map((m) => ({ files: [`src/${m}/**/*.ts`], rules: directionRules(m) })),
  // Tests, and the rigs (`*-rig.ts`) they share, may also use the testkit (a real control plane's
  // kubeconfig, namespaces per test) and the simulated nodes (pods that become ready).
  ...MODULES.map((m) => ({ files: [`src/${m}/**/*.test.ts`, `src/${m}/**/*-rig.ts`], rules: directionRules(m, ['testkit', 'simnodes']) })),
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
