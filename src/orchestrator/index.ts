/**
 * orchestrator: kro-compatible composition. ResourceGraphDefinitions (kro.run/v1alpha1) become
 * generated kinds served by a CRD; each instance of such a kind is expanded into its resources in
 * dependency order. The pure parts (SimpleSchema, CRD synthesis, `${...}` expressions, CEL, the
 * resource graph) take data and return data; the controllers act through the kube layer.
 */
export {};
