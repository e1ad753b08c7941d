/**
 * fleet: cluster registration (the GitOps Bridge). Registration secrets written by infrastructure
 * code become Argo CD cluster secrets on the hub, with their labels and annotations; each cluster's
 * connection is checked and reported. Registration parsing is pure; the controller acts through
 * the kube layer and a secret-store provider.
 */
export {};
