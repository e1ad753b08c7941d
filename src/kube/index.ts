/**
 * kube: the only code that talks to an apiserver. Kubeconfig loading (through
 * @kubernetes/client-node, so exec plugins and tokens of real clusters work), a keep-alive HTTP
 * client that maps apiserver answers to gantry's errors, discovery, server-side apply with the
 * fixed field manager `gantry`, watches, and a watch-fed cache of live objects per cluster.
 */
export { connectKubeconfig, loadKubeConfig } from './connection.js';
export type { ClusterConnection, KubeconfigSource } from './connection.js';
export { createKubeClient } from './client.js';
export type { KubeClient, KubeRequest } from './client.js';
export { KubeApiError, errorFromStatus, isGone } from './errors.js';
export type { KubeStatus } from './errors.js';
export { createDiscovery, toResources } from './discovery.js';
export type { Discovery, ServerVersion } from './discovery.js';
export { createKubeApi, targetOf, FIELD_MANAGER } from './api.js';
export type { KubeApi, ObjectTarget, ApplyOptions, ListOptions, PatchType } from './api.js';
export { watchResource } from './watch.js';
export type { WatchEvent, WatchRequest } from './watch.js';
export { startInformer } from './informer.js';
export type { Informer, InformerOptions, ObjectChange } from './informer.js';
export { createWatchCache } from './watch-cache.js';
export type { WatchCache, InformerScope } from './watch-cache.js';
export { connectCluster } from './cluster.js';
export type { Cluster } from './cluster.js';
export { apiVersionOf, resourcePath } from './types.js';
export type { KubeObject, KubeList, ObjectMeta, OwnerReference, ApiResource } from './types.js';
