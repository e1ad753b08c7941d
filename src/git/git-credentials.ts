import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitCredentials } from './repo-url.js';

/**
 * What one git command against an external repository needs for authentication: environment
 * variables, options placed before the subcommand (`-c`, `--config-env`), the secrets to scrub
 * from its errors, and a cleanup to run once it has finished.
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

/** Where helper files live: the askpass script, short-lived key and certificate files, and SSH's known_hosts. */
export interface CredentialPaths {
  askPass: string;
  keyDir: string;
  knownHosts: string;
}

/** The short-lived files one command reads: keys, certificates and known hosts, each 0600. */
export interface CredentialFiles {
  sshKey?: string;
  clientCert?: string;
  clientKey?: string;
  caBundle?: string;
  knownHosts?: string;
}

/** Environment variables that carry header values to git through `--config-env` (never argv). */
const BEARER_HEADER_ENV = 'GANTRY_GIT_BEARER_HEADER';
const BASIC_HEADER_ENV = 'GANTRY_GIT_BASIC_HEADER';
const PROXY_ENV = 'GANTRY_GIT_PROXY';

/**
 * Prepares authentication for one command: writes the files it needs (0600, under `keyDir`,
 * removed by `cleanup`) and decides its environment and options with `credentialEnvironment`.
 */
export async function prepareCredentials(credentials: GitCredentials | undefined, paths: CredentialPaths): Promise<CredentialSetup> {
  const written: string[] = [];
  const cleanup = (): Promise<void> => Promise.all(written.map((f) => rm(f, { force: true }))).then(() => undefined);
  try {
    const files = await writeCredentialFiles(credentials, paths.keyDir, written);
    return { ...credentialEnvironment(credentials, files, paths), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function writeCredentialFiles(credentials: GitCredentials | undefined, keyDir: string, written: string[]): Promise<CredentialFiles> {
  const contents: [keyof CredentialFiles, string | undefined][] = [
    ['sshKey', credentials?.sshPrivateKey],
    ['clientCert', credentials?.tlsClientCertData && credentials.tlsClientCertKey ? credentials.tlsClientCertData : undefined],
    ['clientKey', credentials?.tlsClientCertData && credentials.tlsClientCertKey ? credentials.tlsClientCertKey : undefined],
    ['caBundle', credentials?.tlsCaData],
    ['knownHosts', credentials?.sshKnownHosts],
  ];
  const files: CredentialFiles = {};
  for (const [name, content] of contents) {
    if (content === undefined) continue;
    const path = await writePrivateFile(keyDir, content);
    written.push(path);
    files[name] = path;
  }
  return files;
}

/**
 * Decides a command's environment and options from the credentials and the files written for
 * them (pure). Without credentials nothing can prompt: git fails fast with an authentication
 * error. A password is answered by the askpass helper (and no credential helper of the user's may
 * store it); headers (a bearer token, forced basic auth) and a proxy URL travel in environment
 * variables that `--config-env` names. Over SSH, host keys are trusted on first use into gantry's
 * own known_hosts unless known hosts are given (then checked strictly) or `insecure` is set.
 */
export function credentialEnvironment(credentials: GitCredentials | undefined, files: CredentialFiles, paths: CredentialPaths): Omit<CredentialSetup, 'cleanup'> {
  const env: Record<string, string> = { GIT_ASKPASS: '', GIT_SSH_COMMAND: sshCommand(credentials, files, paths) };
  if (!credentials) return { env, configArgs: [], secrets: [] };
  const configArgs = ['-c', 'credential.helper='];
  const secrets = secretsOf(credentials);
  Object.assign(env, httpAuthEnv(credentials, paths, configArgs, secrets), tlsEnv(credentials, files), proxyEnv(credentials, configArgs));
  return { env, configArgs, secrets };
}

function secretsOf(credentials: GitCredentials): string[] {
  const proxyPassword = passwordInUrl(credentials.proxy);
  return [credentials.password, credentials.sshPrivateKey, credentials.bearerToken, credentials.tlsClientCertKey, proxyPassword].filter((s): s is string => !!s);
}

/** HTTP authentication: a bearer token header, or a password through askpass (and, forced, as a header up front). */
function httpAuthEnv(credentials: GitCredentials, paths: CredentialPaths, configArgs: string[], secrets: string[]): Record<string, string> {
  if (credentials.bearerToken) {
    configArgs.push(`--config-env=http.extraHeader=${BEARER_HEADER_ENV}`);
    return { [BEARER_HEADER_ENV]: `Authorization: Bearer ${credentials.bearerToken}` };
  }
  if (!credentials.password) return {};
  const username = credentials.username || 'git';
  const env: Record<string, string> = { GIT_ASKPASS: paths.askPass, GANTRY_GIT_USERNAME: username, GANTRY_GIT_PASSWORD: credentials.password };
  if (credentials.forceHttpBasicAuth) {
    const encoded = Buffer.from(`${username}:${credentials.password}`).toString('base64');
    secrets.push(encoded);
    configArgs.push(`--config-env=http.extraHeader=${BASIC_HEADER_ENV}`);
    env[BASIC_HEADER_ENV] = `Authorization: Basic ${encoded}`;
  }
  return env;
}

/** HTTPS trust and identity: a client certificate, the CA bundle for the server, or no verification at all. */
function tlsEnv(credentials: GitCredentials, files: CredentialFiles): Record<string, string> {
  const env: Record<string, string> = {};
  if (files.clientCert && files.clientKey) Object.assign(env, { GIT_SSL_CERT: files.clientCert, GIT_SSL_KEY: files.clientKey });
  if (files.caBundle) env.GIT_SSL_CAINFO = files.caBundle;
  if (credentials.insecure) env.GIT_SSL_NO_VERIFY = 'true';
  return env;
}

/** A proxy for this repository only: http.proxy from the environment, and NO_PROXY as given (or none). */
function proxyEnv(credentials: GitCredentials, configArgs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  if (credentials.proxy) {
    configArgs.push(`--config-env=http.proxy=${PROXY_ENV}`);
    env[PROXY_ENV] = credentials.proxy;
  }
  if (credentials.proxy || credentials.noProxy !== undefined) {
    env.NO_PROXY = credentials.noProxy ?? '';
    env.no_proxy = credentials.noProxy ?? '';
  }
  return env;
}

/** The ssh command git runs: never prompting, with the key given and the host-key policy the credentials ask for. */
function sshCommand(credentials: GitCredentials | undefined, files: CredentialFiles, paths: CredentialPaths): string {
  const words = ['ssh', '-o BatchMode=yes', ...hostKeyOptions(credentials, files, paths)];
  if (files.sshKey) words.push(`-i ${shellQuote(files.sshKey)}`, '-o IdentitiesOnly=yes');
  return words.join(' ');
}

function hostKeyOptions(credentials: GitCredentials | undefined, files: CredentialFiles, paths: CredentialPaths): string[] {
  if (credentials?.insecure) return ['-o StrictHostKeyChecking=no', '-o UserKnownHostsFile=/dev/null', '-o LogLevel=ERROR'];
  if (files.knownHosts) return ['-o StrictHostKeyChecking=yes', `-o UserKnownHostsFile=${shellQuote(files.knownHosts)}`];
  return ['-o StrictHostKeyChecking=accept-new', `-o UserKnownHostsFile=${shellQuote(paths.knownHosts)}`];
}

function passwordInUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    return undefined;
  }
}

async function writePrivateFile(dir: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `cred-${randomBytes(8).toString('hex')}`);
  await writeFile(path, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600 });
  return path;
}

/** Quotes a word for the POSIX shell that runs GIT_SSH_COMMAND. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
