/**
 * The benchmark's kustomize tree: a base of about 200 resources (workloads, services, config maps
 * from files and generators) and three overlays (dev, staging, prod) with prefixes, namespaces,
 * labels, images, replicas, strategic-merge and JSON patches and generator merges.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The overlays the benchmark renders. */
export const OVERLAYS = ['dev', 'staging', 'prod'] as const;

function app(i: number): string {
  const name = `app-${i}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
      - name: main
        image: registry.example.com/${name}:1.0.${i}
        envFrom:
        - configMapRef:
            name: ${name}-settings
        - secretRef:
            name: shared-credentials
        ports:
        - containerPort: 8080
        volumeMounts:
        - name: config
          mountPath: /etc/${name}
      volumes:
      - name: config
        configMap:
          name: ${name}-files
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-files
data:
  app.properties: |
    name=${name}
    threads=${(i % 8) + 1}
`;
}

function baseKustomization(apps: number): string {
  const resources = Array.from({ length: apps }, (_, i) => `- app-${i}.yaml`).join('\n');
  const generators = Array.from({ length: apps }, (_, i) => `- name: app-${i}-settings\n  literals:\n  - LOG_LEVEL=info\n  - APP_INDEX="${i}"`).join('\n');
  return `resources:\n${resources}\nconfigMapGenerator:\n${generators}\nsecretGenerator:\n- name: shared-credentials\n  literals:\n  - username=admin\n  - password=s3cr3t\ncommonLabels:\n  team: platform\n`;
}

function overlayKustomization(env: string, index: number): string {
  return `resources:
- ../../base
namePrefix: ${env}-
namespace: ${env}
labels:
- pairs:
    env: ${env}
  includeSelectors: false
commonAnnotations:
  owner: ${env}-team
images:
- name: registry.example.com/app-0
  newTag: "2.${index}"
replicas:
- name: app-1
  count: ${index + 2}
configMapGenerator:
- name: app-0-settings
  behavior: merge
  literals:
  - LOG_LEVEL=${env === 'prod' ? 'warn' : 'debug'}
patches:
- path: resources.yaml
  target:
    kind: Deployment
- target:
    kind: Service
    name: app-1.*
  patch: |-
    - op: add
      path: /spec/sessionAffinity
      value: ClientIP
`;
}

const RESOURCES_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: any
spec:
  template:
    spec:
      containers:
      - name: main
        resources:
          limits:
            memory: 256Mi
`;

/** Every file of the tree, keyed by its path relative to the tree's root. */
export function benchTree(apps: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < apps; i++) files.set(`base/app-${i}.yaml`, app(i));
  files.set('base/kustomization.yaml', baseKustomization(apps));
  OVERLAYS.forEach((env, i) => {
    files.set(`overlays/${env}/kustomization.yaml`, overlayKustomization(env, i));
    files.set(`overlays/${env}/resources.yaml`, RESOURCES_PATCH);
  });
  return files;
}

/** Writes the tree under a directory. */
export function writeTree(root: string, files: ReadonlyMap<string, string>): void {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
