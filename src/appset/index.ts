/**
 * appset: the ApplicationSet controller (argoproj.io/v1alpha1). Generators (list, clusters, git,
 * matrix, merge) produce parameter sets, templates turn them into Applications, and the controller
 * keeps the generated Applications in line with them. Generators and templating are pure.
 */
export {};
