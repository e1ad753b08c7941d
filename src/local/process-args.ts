import type { ClusterCredentials } from './credentials.js';
import type { PortPlan } from './ports.js';

/** etcd's flags: one member, loopback only, data in the instance's folder. */
export function etcdArgs(dataDir: string, ports: PortPlan): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    '--name=gantry',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=gantry=${peer}`,
    '--logger=zap',
    '--log-level=warn',
  ];
}

/** kube-apiserver's flags (the verified recipe of DESIGN.md); every cluster has its own etcd prefix. */
export function apiserverArgs(o: { name: string; port: number; etcdPort: number; creds: ClusterCredentials; clusterIndex: number }): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${o.etcdPort}`,
    `--etcd-prefix=/gantry/${o.name}`,
    `--cert-dir=${o.creds.certDir}`,
    `--secure-port=${o.port}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    '--insecure-port=0',
    '--authorization-mode=RBAC',
    `--token-auth-file=${o.creds.tokenFile}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${o.creds.serviceAccountPub}`,
    `--service-account-signing-key-file=${o.creds.serviceAccountKey}`,
    `--service-cluster-ip-range=10.${96 + o.clusterIndex}.0.0/16`,
    '--allow-privileged=true',
    '--disable-admission-plugins=ServiceAccount',
    '--v=0',
  ];
}

/** kube-controller-manager's flags: no leader election, no serving ports, no node IPAM or lifecycle. */
export function controllerManagerArgs(o: { kubeconfigPath: string; creds: ClusterCredentials }): string[] {
  return [
    `--kubeconfig=${o.kubeconfigPath}`,
    `--authentication-kubeconfig=${o.kubeconfigPath}`,
    `--authorization-kubeconfig=${o.kubeconfigPath}`,
    '--controllers=*,-nodeipam,-nodelifecycle,-serviceaccount-token',
    `--service-account-private-key-file=${o.creds.serviceAccountKey}`,
    '--leader-elect=false',
    '--port=0',
    '--secure-port=0',
    '--v=0',
  ];
}
