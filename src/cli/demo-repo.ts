/** The hosted repository the quickstart creates, and the root Application of its app-of-apps. */
export const DEMO_REPO = 'demo';
export const DEMO_ROOT_APP = 'demo';

/** One child Application of the demo: a folder of the demo repository delivered to a cluster. */
interface DemoApp {
  name: string;
  path: 'guestbook' | 'hello';
  /** 'in-cluster' (the hub) or a spoke's name. */
  cluster: string;
}

/** Which apps the demo deploys: guestbook to the hub and every spoke, hello to every spoke (to the hub when there are none). */
export function demoApps(spokes: readonly string[]): DemoApp[] {
  const guestbook = ['in-cluster', ...spokes].map((cluster) => ({ name: `guestbook-${cluster === 'in-cluster' ? 'hub' : cluster}`, path: 'guestbook' as const, cluster }));
  const hello = (spokes.length ? spokes : ['in-cluster']).map((cluster) => ({ name: `hello-${cluster === 'in-cluster' ? 'hub' : cluster}`, path: 'hello' as const, cluster }));
  return [...guestbook, ...hello];
}

function application(o: { name: string; repoUrl: string; path: string; cluster: string; namespace: string }): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${o.name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: ${o.repoUrl}
    path: ${o.path}
    targetRevision: main
  destination:
    name: ${o.cluster}
    namespace: ${o.namespace}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
    syncOptions: [CreateNamespace=true]
`;
}

/** The root Application: it syncs apps/, whose Applications deploy the rest (app-of-apps). */
export function demoRootApplication(repoUrl: string): string {
  return application({ name: DEMO_ROOT_APP, repoUrl, path: 'apps', cluster: 'in-cluster', namespace: 'argocd' });
}

function deployment(o: { name: string; image: string; port: number; replicas: number }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${o.name}
  labels: {app: ${o.name}}
spec:
  replicas: ${o.replicas}
  selector:
    matchLabels: {app: ${o.name}}
  template:
    metadata:
      labels: {app: ${o.name}}
    spec:
      containers:
      - name: ${o.name}
        image: ${o.image}
        ports:
        - containerPort: ${o.port}
`;
}

function service(o: { name: string; port: number }): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${o.name}
spec:
  selector: {app: ${o.name}}
  ports:
  - port: ${o.port}
    targetPort: ${o.port}
`;
}

const README = `# gantry demo

An app-of-apps. The root Application \`demo\` (namespace argocd on the hub) syncs \`apps/\`, which
holds one Application per app and cluster: \`guestbook\` (a frontend and a redis, each a Deployment
and a Service) and \`hello\` (a ConfigMap and a Deployment). Edit a file here and push: gantry syncs
the change within seconds. Preview a branch first with \`gantry plan demo <branch>\`.
`;

/** Every file of the demo repository, for hosted repository URL `repoUrl` and these spokes. */
export function demoRepoFiles(repoUrl: string, spokes: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': README,
    'guestbook/frontend.yaml': `${deployment({ name: 'frontend', image: 'gcr.io/google-samples/gb-frontend:v5', port: 80, replicas: 2 })}---\n${service({ name: 'frontend', port: 80 })}`,
    'guestbook/redis.yaml': `${deployment({ name: 'redis', image: 'redis:7-alpine', port: 6379, replicas: 1 })}---\n${service({ name: 'redis', port: 6379 })}`,
    'hello/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\ndata:\n  greeting: hello from gantry\n',
    'hello/deployment.yaml': deployment({ name: 'hello', image: 'nginx:1.27-alpine', port: 80, replicas: 1 }),
  };
  for (const app of demoApps(spokes)) {
    files[`apps/${app.name}.yaml`] = application({ name: app.name, repoUrl, path: app.path, cluster: app.cluster, namespace: app.path });
  }
  return files;
}
