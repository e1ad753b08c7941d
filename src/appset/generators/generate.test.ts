import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import type { GeneratorSpec } from '../types.js';
import { transformGenerator } from './generate.js';
import type { GenerateContext } from './ports.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...labels } },
  data: { name: b64(name), server: b64(`https://${name}.example.com`) },
});

function ctx(o: Partial<GenerateContext> & { secrets?: KubeObject[] } = {}): GenerateContext {
  return {
    mode: { goTemplate: false },
    clusters: { listClusterSecrets: async () => o.secrets ?? [] },
    repos: { directories: async () => [], files: async () => new Map() },
    ...o,
  };
}

const names = async (g: GeneratorSpec, c: GenerateContext): Promise<string[]> => (await transformGenerator(g, c)).flatMap((r) => r.params.map((p) => String(p['name'] ?? p['x'])));

test('in-cluster joins only an empty selector, and a Secret claiming its server replaces it', async () => {
  const secrets = [secret('a', { env: 'prod' }), secret('b', { env: 'dev' })];
  assert.deepEqual(await names({ clusters: {} }, ctx({ secrets })), ['in-cluster', 'a', 'b']);
  assert.deepEqual(await names({ clusters: { selector: { matchLabels: { env: 'prod' } } } }, ctx({ secrets })), ['a']);
  const local = { ...secret('hub', {}), data: { name: b64('hub'), server: b64('https://kubernetes.default.svc') } };
  assert.deepEqual(await names({ clusters: {} }, ctx({ secrets: [...secrets, local] })), ['a', 'b', 'hub']);
});

test('selectors of a nested matrix\'s children apply only with applyNestedSelectors; a child\'s own selector always does', async () => {
  const nested: GeneratorSpec = {
    matrix: {
      generators: [
        { list: { elements: [{ x: '1' }, { x: '2' }] }, selector: { matchLabels: { x: '1' } } },
        {
          matrix: {
            generators: [
              { list: { elements: [{ y: 'a' }, { y: 'b' }] }, selector: { matchLabels: { y: 'a' } } },
              { list: { elements: [{ z: 'z' }] } },
            ],
          },
        },
      ],
    },
  };
  const ys = async (apply: boolean): Promise<string[]> => (await transformGenerator(nested, ctx({ applyNestedSelectors: apply })))[0]!.params.map((p) => `${String(p['x'])}${String(p['y'])}`);
  assert.deepEqual(await ys(false), ['1a', '1b']);
  assert.deepEqual(await ys(true), ['1a']);
});

test('elementsYaml is templated by a matrix parent; list elements are kept as written', async () => {
  const g: GeneratorSpec = {
    matrix: {
      generators: [
        { list: { elements: [{ env: 'dev' }] } },
        { list: { elements: [{ kept: '{{env}}' }], elementsYaml: '- name: app-{{env}}\n' } },
      ],
    },
  };
  const params = (await transformGenerator(g, ctx()))[0]!.params;
  assert.deepEqual(params, [{ env: 'dev', kept: '{{env}}' }, { env: 'dev', name: 'app-dev' }]);
});

test('an unsupported generator kind is refused by name', async () => {
  await assert.rejects(transformGenerator({ scmProvider: {} }, ctx()), /scmProvider generator is not supported/);
});
