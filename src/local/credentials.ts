import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/index.js';

/** The credentials of one local apiserver, kept in its cluster folder so restarts reuse them. */
export interface ClusterCredentials {
  adminToken: string;
  tokenFile: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  certDir: string;
}

/** A random token of 32 hex characters. */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** The static token file line format kube-apiserver reads: token,user,uid,"group,...". */
export function tokenFileLine(token: string, user: string, groups: string[]): string {
  return `${token},${user},${user},"${groups.join(',')}"\n`;
}

/** Creates (first time) or reads (later) a cluster's admin token, service-account keys and cert folder. */
export function ensureCredentials(clusterDir: string): ClusterCredentials {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const tokenFile = join(clusterDir, 'tokens.csv');
  const serviceAccountKey = join(clusterDir, 'sa.key');
  const serviceAccountPub = join(clusterDir, 'sa.pub');
  const certDir = join(clusterDir, 'certs');
  mkdirSync(certDir, { recursive: true, mode: 0o700 });
  if (!existsSync(tokenFile)) {
    writeFileSync(tokenFile, tokenFileLine(newToken(), 'gantry-admin', ['system:masters']), { mode: 0o600 });
  }
  if (!existsSync(serviceAccountKey) || !existsSync(serviceAccountPub)) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(serviceAccountKey, pair.privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    writeFileSync(serviceAccountPub, pair.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  const adminToken = readFileSync(tokenFile, 'utf8').split(',')[0]?.trim() ?? '';
  if (!/^[A-Za-z0-9._-]{16,}$/.test(adminToken)) {
    throw new InputError(
      `data directory is corrupt: ${tokenFile} holds no admin token. Delete it to issue a new token (old kubeconfigs stop working).`,
    );
  }
  return { adminToken, tokenFile, serviceAccountKey, serviceAccountPub, certDir };
}
