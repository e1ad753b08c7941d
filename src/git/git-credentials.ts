import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitCredentials } from './repo-url.js';

/**
 * What one git command against an external repository needs for authentication: environment
 * variables, `-c` options placed before the subcommand, the secrets to scrub from its errors, and
 * a cleanup to run once it has finished.
 */
export interface CredentialSetup {
  env: Record<string, string>;
  configArgs: string[];
  secrets: string[];
  cleanup(): Promise<void>;
}

/**
 * The askpass helper: git runs it with a prompt ("Username for ...", "Password for ...") and
 * reads the answer from its stdout. The answers come from this process's environment, so no
 * secret is ever written to disk or put on a command line.
 */
const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  [Uu]sername*) printf '%s\\n' "$GANTRY_GIT_USERNAME" ;;
  *) printf '%s\\n' "$GANTRY_GIT_PASSWORD" ;;
esac
`;

/** Writes the askpass helper into `dir` (idempotent) and returns its path. */
export async function installAskPass(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'askpass.sh');
  await writeFile(path, ASKPASS_SCRIPT, { mode: 0o700 });
  await chmod(path, 0o700);
  return path;
}

/** Where helper files live: the askpass script, short-lived SSH keys and SSH's known_hosts. */
export interface CredentialPaths {
  askPass: string;
  keyDir: string;
  knownHosts: string;
}

/**
 * Prepares authentication for one command. With a password, git asks the askpass helper (and no
 * credential helper of the user's may store it); with an SSH key, the key goes to a 0600 file
 * removed by `cleanup`, host keys are trusted on first use into gantry's own known_hosts. Without
 * credentials, nothing can prompt: git fails fast with an authentication error instead.
 */
export async function prepareCredentials(credentials: GitCredentials | undefined, paths: CredentialPaths): Promise<CredentialSetup> {
  const ssh = ['ssh', '-o BatchMode=yes', '-o StrictHostKeyChecking=accept-new', `-o UserKnownHostsFile=${shellQuote(paths.knownHosts)}`];
  // An empty GIT_ASKPASS also stops git from falling back to core.askPass or SSH_ASKPASS.
  const none: CredentialSetup = { env: { GIT_ASKPASS: '', GIT_SSH_COMMAND: ssh.join(' ') }, configArgs: [], secrets: [], cleanup: async () => undefined };
  if (!credentials) return none;
  const secrets = [credentials.password, credentials.sshPrivateKey].filter((s): s is string => !!s);
  const setup: CredentialSetup = { ...none, secrets, configArgs: ['-c', 'credential.helper='] };
  if (credentials.password) {
    setup.env = {
      ...setup.env,
      GIT_ASKPASS: paths.askPass,
      GANTRY_GIT_USERNAME: credentials.username || 'git',
      GANTRY_GIT_PASSWORD: credentials.password,
    };
  }
  if (credentials.sshPrivateKey) {
    const keyFile = await writeKey(paths.keyDir, credentials.sshPrivateKey);
    setup.env.GIT_SSH_COMMAND = [...ssh, `-i ${shellQuote(keyFile)}`, '-o IdentitiesOnly=yes'].join(' ');
    setup.cleanup = () => rm(keyFile, { force: true });
  }
  return setup;
}

async function writeKey(dir: string, key: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `key-${randomBytes(8).toString('hex')}`);
  await writeFile(path, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
  return path;
}

/** Quotes a word for the POSIX shell that runs GIT_SSH_COMMAND. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
