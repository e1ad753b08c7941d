import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../src/core/index.js';
import { createGitServer, createRepoStore, type GitServer } from '../../src/git/index.js';
import { runChild, runChecked } from '../lib/child.js';
import type { Cleanup } from '../lib/cleanup.js';
import { summarize, type Summary } from '../lib/stats.js';

/** One push: how long `git push` ran, and when gantry's in-process push event arrived. */
export interface PushSample {
  pushMs: number;
  startToEventMs: number;
  /** Negative when the event arrived before the git client had exited. */
  exitToEventMs: number;
}

/** Push -> event latency over a run of pushes, with the push itself as the baseline. */
export interface PushLatencyResult {
  pushes: number;
  gitVersion: string;
  push: Summary;
  startToEvent: Summary;
  exitToEvent: Summary;
  samples: PushSample[];
}

/** What the push measurement needs. */
export interface PushLatencyOptions {
  pushes: number;
  cleanup: Cleanup;
  log: Logger;
  path: string;
  progress: (line: string) => void;
}

const EVENT_TIMEOUT_MS = 10_000;
const GIT_TIMEOUT_MS = 60_000;

interface Rig {
  work: string;
  git: (args: string[]) => Promise<string>;
  clientEnv: Record<string, string>;
  /** Resolves with performance.now() when a push event for `commit` arrives. */
  eventFor(commit: string): Promise<number>;
}

/**
 * Serves one hosted repository with gantry's git server on a free loopback port, then makes
 * `pushes` commits in a clone and pushes each with the git CLI, timing the push process and the
 * moment gantry's onPush listener sees the new commit. The first push (which creates the branch)
 * is a warm-up and not counted.
 */
export async function measurePushLatency(options: PushLatencyOptions): Promise<PushLatencyResult> {
  const rig = await startRig(options);
  await commitAndPush(rig, 0);
  const samples: PushSample[] = [];
  for (let i = 1; i <= options.pushes; i++) samples.push(await commitAndPush(rig, i));
  options.progress(`push -> event: ${samples.length} pushes`);
  return {
    pushes: samples.length,
    gitVersion: (await rig.git(['--version'])).trim(),
    push: summarize(samples.map((s) => s.pushMs)),
    startToEvent: summarize(samples.map((s) => s.startToEventMs)),
    exitToEvent: summarize(samples.map((s) => s.exitToEventMs)),
    samples,
  };
}

async function startRig(options: PushLatencyOptions): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-git-'));
  options.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  await mkdir(home);
  const env = { PATH: options.path, HOME: home, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
  const token = randomBytes(16).toString('hex');
  const store = createRepoStore({ root: join(dir, 'repos'), env });
  const server = createGitServer({ store, token, readAccess: 'token', log: options.log, env });
  await server.listen(0);
  options.cleanup.add('close the git server', () => server.close());
  await store.create('bench');
  const identity = {
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const clientEnv = { ...env, ...identity, GIT_TERMINAL_PROMPT: '0' };
  const work = join(dir, 'work');
  const git = (args: string[]): Promise<string> => runChecked({ command: 'git', args, env: clientEnv, cwd: work, timeoutMs: GIT_TIMEOUT_MS });
  await mkdir(work);
  await git(['init', '--quiet', '--initial-branch=main']);
  await git(['remote', 'add', 'origin', server.repoUrl('bench').replace('http://', `http://bench:${token}@`)]);
  return { work, git, clientEnv, eventFor: listenForCommits(server) };
}

function listenForCommits(server: GitServer): (commit: string) => Promise<number> {
  const waiting = new Map<string, (at: number) => void>();
  server.onPush((event) => {
    const at = performance.now();
    waiting.get(event.newCommit)?.(at);
  });
  return (commit) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(commit);
        reject(new Error(`no push event for ${commit} within ${EVENT_TIMEOUT_MS} ms`));
      }, EVENT_TIMEOUT_MS);
      waiting.set(commit, (at) => {
        clearTimeout(timer);
        waiting.delete(commit);
        resolve(at);
      });
    });
}

async function commitAndPush(rig: Rig, index: number): Promise<PushSample> {
  await writeFile(join(rig.work, 'change.txt'), `change ${index}\n`);
  await rig.git(['add', 'change.txt']);
  await rig.git(['commit', '--quiet', '-m', `change ${index}`]);
  const commit = (await rig.git(['rev-parse', 'HEAD'])).trim();
  const event = rig.eventFor(commit);
  const push = ['push', '--quiet', 'origin', 'main'];
  const run = await runChild({ command: 'git', args: push, env: rig.clientEnv, cwd: rig.work, timeoutMs: GIT_TIMEOUT_MS });
  if (run.code !== 0) {
    event.catch(() => undefined);
    throw new Error(`git push failed (exit ${run.code ?? 'killed'}): ${run.stderr.trim()}`);
  }
  const eventAt = await event;
  return { pushMs: run.exitedAt - run.startedAt, startToEventMs: eventAt - run.startedAt, exitToEventMs: eventAt - run.exitedAt };
}
