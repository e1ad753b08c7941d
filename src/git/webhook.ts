import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A push that a Git host announced by webhook: the URLs it gives for the repository (web, clone,
 * SSH), the ref that moved, the repository's default branch when the payload names it, and the new commit.
 */
export interface WebhookPush {
  provider: 'github' | 'gitlab';
  repoUrls: string[];
  /** The full ref that moved (`refs/heads/main`, `refs/tags/v1`); undefined when the payload names none. */
  ref?: string;
  defaultBranch?: string;
  commit?: string;
}

/** The shared secrets webhooks must prove (GitHub: an HMAC of the body; GitLab: the token itself). Unset: not checked. */
export interface WebhookSecrets {
  github?: string;
  gitlab?: string;
}

/**
 * What a webhook request means: a push to act on, an event to acknowledge and ignore (a ping,
 * an issue), or a refusal with the HTTP status and a message saying what is wrong.
 */
export type WebhookOutcome =
  | { kind: 'push'; push: WebhookPush }
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; status: 400 | 401; message: string };

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a GitHub or GitLab webhook request (headers lower-cased, as Node gives them) after checking its secret. */
export function parseWebhook(headers: Headers, body: Buffer, secrets: WebhookSecrets): WebhookOutcome {
  const github = header(headers, 'x-github-event');
  const gitlab = header(headers, 'x-gitlab-event');
  if (github !== undefined) {
    if (secrets.github !== undefined && !verifyGitHubSignature(body, header(headers, 'x-hub-signature-256'), secrets.github)) {
      return { kind: 'refused', status: 401, message: 'webhook signature does not match: set the same secret in the GitHub webhook and in gantry' };
    }
    return github === 'push' ? parsePayload(body, parseGitHubPush) : { kind: 'ignored', reason: `GitHub event ${github} is not a push` };
  }
  if (gitlab !== undefined) {
    if (secrets.gitlab !== undefined && !sameSecret(header(headers, 'x-gitlab-token') ?? '', secrets.gitlab)) {
      return { kind: 'refused', status: 401, message: 'webhook token does not match: set the same secret token in the GitLab webhook and in gantry' };
    }
    const pushes = ['Push Hook', 'Tag Push Hook', 'System Hook'];
    return pushes.includes(gitlab) ? parsePayload(body, parseGitLabPush) : { kind: 'ignored', reason: `GitLab event ${gitlab} is not a push` };
  }
  return { kind: 'refused', status: 400, message: 'not a GitHub or GitLab webhook: the X-GitHub-Event or X-Gitlab-Event header is missing' };
}

function parsePayload(body: Buffer, parse: (payload: Record<string, unknown>) => WebhookPush | string): WebhookOutcome {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'refused', status: 400, message: 'the webhook body is not JSON: configure the webhook with content type application/json' };
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { kind: 'refused', status: 400, message: 'the webhook body is not a JSON object' };
  const push = parse(payload as Record<string, unknown>);
  return typeof push === 'string' ? { kind: 'refused', status: 400, message: push } : { kind: 'push', push };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const strings = (...values: unknown[]): string[] => [...new Set(values.map(text).filter((v): v is string => v !== undefined))];

/** A GitHub push payload: repository.html_url, clone_url, ssh_url, git_url; ref; after. */
export function parseGitHubPush(payload: Record<string, unknown>): WebhookPush | string {
  const repo = record(payload.repository);
  const repoUrls = strings(repo.html_url, repo.clone_url, repo.ssh_url, repo.git_url, repo.url);
  if (repoUrls.length === 0) return 'the GitHub push payload names no repository (repository.html_url or clone_url)';
  return withOptional({ provider: 'github', repoUrls }, { ref: text(payload.ref), defaultBranch: text(repo.default_branch) ?? text(repo.master_branch), commit: text(payload.after) });
}

/** A GitLab push payload: project.web_url, git_http_url, git_ssh_url (or repository.*); ref; after. */
export function parseGitLabPush(payload: Record<string, unknown>): WebhookPush | string {
  const project = record(payload.project);
  const repo = record(payload.repository);
  const repoUrls = strings(project.web_url, project.git_http_url, project.git_ssh_url, repo.homepage, repo.git_http_url, repo.git_ssh_url);
  if (repoUrls.length === 0) return 'the GitLab push payload names no project (project.web_url or git_http_url)';
  return withOptional({ provider: 'gitlab', repoUrls }, { ref: text(payload.ref), defaultBranch: text(project.default_branch), commit: text(payload.after) });
}

function withOptional(push: WebhookPush, optional: { ref?: string; defaultBranch?: string; commit?: string }): WebhookPush {
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (push as unknown as Record<string, string>)[key] = value;
  return push;
}

/** Whether `X-Hub-Signature-256` (`sha256=<hex>`) is the HMAC-SHA256 of `body` under `secret`, compared in constant time. */
export function verifyGitHubSignature(body: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  return sameSecret(signature.slice('sha256='.length).toLowerCase(), expected);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A repository URL reduced to what names the repository: lower-case host (no port, user or
 * scheme) and path without a trailing slash or `.git`. `https://GitHub.com/org/app.git/`,
 * `git@github.com:org/app` and `ssh://git@github.com:22/org/app.git` all give `github.com/org/app`.
 */
export function repositoryIdentity(url: string): string {
  const trimmed = url.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(trimmed);
  let host: string;
  let path: string;
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    host = scp[1] as string;
    path = scp[2] as string;
  } else {
    try {
      const parsed = new URL(trimmed);
      host = parsed.hostname;
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return trimmed.toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
    }
  }
  const cleanPath = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return `${host.toLowerCase()}/${cleanPath.toLowerCase()}`;
}

/** Whether two URLs name the same repository (see repositoryIdentity; paths compare case-insensitively, as GitHub and GitLab do). */
export function sameRepository(a: string, b: string): boolean {
  return repositoryIdentity(a) === repositoryIdentity(b);
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/**
 * Whether an app following `targetRevision` may have moved with a push of `ref`. HEAD (or
 * empty) follows the default branch (any branch when the payload does not name it); a branch or
 * tag matches by short or full name; a pinned commit never moves. Without a ref, everything may have.
 */
export function revisionMayMove(targetRevision: string | undefined, push: Pick<WebhookPush, 'ref' | 'defaultBranch'>): boolean {
  const target = (targetRevision ?? '').trim();
  if (push.ref === undefined) return !FULL_SHA.test(target);
  const ref = push.ref;
  const short = ref.replace(/^refs\/(heads|tags)\//, '');
  if (target === '' || target === 'HEAD') {
    return ref.startsWith('refs/heads/') && (push.defaultBranch === undefined || push.defaultBranch === short);
  }
  if (FULL_SHA.test(target)) return false;
  return target === ref || target === short;
}
