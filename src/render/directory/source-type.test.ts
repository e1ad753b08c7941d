import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSourceType, type SourceType } from './source-type.js';

const cases: { name: string; files: string[]; path?: string; want: SourceType }[] = [
  { name: 'plain manifests', files: ['deploy.yaml', 'svc.yaml'], want: 'Directory' },
  { name: 'empty', files: [], want: 'Directory' },
  { name: 'Chart.yaml', files: ['Chart.yaml', 'values.yaml', 'templates/deploy.yaml'], want: 'Helm' },
  { name: 'a name ending in Chart.yaml', files: ['MyChart.yaml'], want: 'Helm' },
  { name: 'kustomization.yaml', files: ['kustomization.yaml', 'deploy.yaml'], want: 'Kustomize' },
  { name: 'kustomization.yml', files: ['kustomization.yml'], want: 'Kustomize' },
  { name: 'Kustomization', files: ['Kustomization'], want: 'Kustomize' },
  { name: 'kustomization.yaml beats Chart.yaml (later in walk order)', files: ['Chart.yaml', 'kustomization.yaml'], want: 'Kustomize' },
  { name: 'only the top level counts', files: ['base/kustomization.yaml', 'charts/x/Chart.yaml', 'a.yaml'], want: 'Directory' },
  { name: 'Chart.yml is not a chart', files: ['Chart.yml'], want: 'Directory' },
  { name: 'KUSTOMIZATION.yaml is not a kustomization', files: ['KUSTOMIZATION.yaml'], want: 'Directory' },
  { name: 'a subfolder of the map', files: ['apps/web/kustomization.yaml', 'Chart.yaml'], path: 'apps/web', want: 'Kustomize' },
  { name: 'a subfolder with ./ and trailing slash', files: ['apps/chart/Chart.yaml'], path: './apps/chart/', want: 'Helm' },
  { name: 'the root as "."', files: ['Chart.yaml'], path: '.', want: 'Helm' },
];

for (const c of cases) {
  test(`detectSourceType: ${c.name}`, () => {
    const files = new Map(c.files.map((f) => [f, Buffer.from('')]));
    assert.equal(detectSourceType(files, c.path), c.want);
  });
}
