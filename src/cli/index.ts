/**
 * cli: the `gantry` command. `up` starts an instance in the background (`serve` is that background
 * process), `down` stops it, `status` reports it, `repo` manages hosted repositories, `app` shows
 * and syncs Applications, `cluster` registers clusters with the fleet, `plan` previews what a
 * revision of a repository would change. Errors become
 * exit codes and messages in exit-codes.ts, and nowhere else.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../core/index.js';
import { parseInstanceConfig } from './config.js';
import { runApp } from './app.js';
import { runCluster } from './cluster.js';
import { runAppSet } from './appset.js';
import { runDown } from './down.js';
import { exitCodeOf, formatCliError } from './exit-codes.js';
import { processIO, type CommandIO } from './io.js';
import { runPlan } from './plan.js';
import { runRepo } from './repo.js';
import { runServe } from './serve.js';
import { runStatus } from './status.js';
import { runUp } from './up.js';

export { parseInstanceConfig, parseSpokes, toInstanceArgs } from './config.js';
export type { InstanceConfig } from './config.js';
export { runInstance, ensureGitToken } from './instance.js';
export type { RunningInstance, InstanceDeps } from './instance.js';
export { exitCodeOf, formatCliError } from './exit-codes.js';
export type { CommandIO } from './io.js';

const HELP = `gantry: an Internal Developer Platform for Kubernetes fleets

Usage:
  gantry up [--spokes dev,prod] [--data-dir DIR] [--port-base N] [--simulated-nodes N]
            [--kubeconfig FILE [--context NAME]] [--foreground] [--no-install]
            [--etcd PATH] [--kube-apiserver PATH] [--kube-controller-manager PATH]
            [--git-read-access open|token] [--repo-poll-seconds N] [--webhook-secret-file FILE]
            [--no-demo] [--git-mirror FROM=TO ...]
  gantry down [--data-dir DIR]
  gantry status [--data-dir DIR]
  gantry repo create|list|delete [NAME] [--data-dir DIR]
  gantry app list | get|sync|history|delete|diff|confirm-deletion NAME [--revision R] [--prune] [--force] [--cascade] [--color]
  gantry app rollback NAME ID [--prune]
  gantry cluster register <file.json|-> [--name NAME] | list | deregister NAME [--namespace NS]
  gantry plan REPO REVISION [--data-dir DIR]   what REVISION of REPO would change in every app and cluster
  gantry appset preview <file|name> [-o yaml]

Without --kubeconfig, up starts the embedded control plane (etcd, kube-apiserver and
kube-controller-manager on 127.0.0.1) and installs it first if needed. With --kubeconfig,
the given cluster is the hub and nothing is simulated. Repositories gantry does not host are
polled every --repo-poll-seconds (default 180, 0 = never) and refreshed at once by GitHub or
GitLab push webhooks sent to <git url>/api/webhook (secret from --webhook-secret-file or
GANTRY_WEBHOOK_SECRET). The first up of a data directory on the embedded control plane creates
the demo repository and its app-of-apps (--no-demo skips it). --git-mirror FROM=TO (repeatable) fetches URLs starting with FROM from TO
(a hosted repository name, or a URL that replaces the prefix); Applications keep FROM.
`;

function dataDirFlag(args: string[]): { dataDir?: string; positionals: string[] } {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  return { dataDir: values['data-dir'], positionals };
}

async function dispatch(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return runUp(rest, io, systemClock);
    case 'serve':
      return runServe(parseInstanceConfig(rest, io.env), io, systemClock);
    case 'down':
      return runDown(dataDirFlag(rest).dataDir, io, systemClock);
    case 'status':
      return runStatus(dataDirFlag(rest).dataDir, io, systemClock);
    case 'repo': {
      const { dataDir, positionals } = dataDirFlag(rest);
      return runRepo({ action: positionals[0], name: positionals[1], dataDir }, io);
    }
    case 'app':
      return runApp(rest, io, systemClock);
    case 'cluster':
      return runCluster(rest, io, systemClock);
    case 'plan':
      return runPlan(rest, io, systemClock);
    case 'appset':
      return runAppSet(rest, io, systemClock);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(HELP);
      return 0;
    default:
      io.err(`gantry: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

/** Runs the gantry command with these arguments and returns its exit code. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.err(`${formatCliError(error)}\n`);
    return exitCodeOf(error);
  }
}
