/**
 * The orchestrator as gantry runs it: the module's own graph builder and CEL evaluator, and the
 * golden paths installed on the hub once the RGD API is served.
 */
import { messageOf, type Clock, type Logger } from '../core/index.js';
import type { Cluster } from '../kube/index.js';
import { createCelEvaluator } from './cel/evaluate.js';
import { installGoldenPaths } from './golden/golden-paths.js';
import { buildResourceGraph } from './graph/build-graph.js';
import { adaptCelEvaluator } from './instance/kro-evaluator.js';
import { createOrchestrator, type Orchestrator } from './rgd/rgd-controller.js';

/** Creates the orchestrator wired with the module's builder and evaluator; `goldenPaths` (default true) installs them at start. */
export function createDefaultOrchestrator(o: { hub: Cluster; clock: Clock; log: Logger; goldenPaths?: boolean; instanceWorkers?: number; rgdSelector?: string }): Orchestrator {
  const inner = createOrchestrator({ hub: o.hub, buildGraph: buildResourceGraph, evaluator: adaptCelEvaluator(createCelEvaluator()), instanceWorkers: o.instanceWorkers, rgdSelector: o.rgdSelector, clock: o.clock, log: o.log });
  return {
    ...inner,
    async start(signal) {
      await inner.start(signal);
      if (o.goldenPaths === false) return;
      // A golden path that cannot be installed is logged, never fatal: the rest of gantry still runs.
      await installGoldenPaths(o.hub, o.log).catch((e: unknown) => o.log.warn('golden paths not installed', { error: messageOf(e) }));
    },
  };
}
