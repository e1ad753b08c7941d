/**
 * git: the repositories gantry hosts. A store of bare repositories on disk (created, listed and
 * deleted with the git CLI), a smart-HTTP server that runs the real `git http-backend` so that
 * `git clone` and `git push` work against `/git/<name>.git`, token authentication for pushes (and
 * optionally reads), and push events, one per moved ref, that wake reconcilers at once.
 */
export { createRepoStore } from './repo-store.js';
export type { RepoStore, RepoStoreOptions, RepoInfo } from './repo-store.js';
export { isValidRepoName, validateRepoName, REPO_NAME_RULE } from './repo-name.js';
export { createGitServer } from './git-server.js';
export type { GitServer, GitServerOptions } from './git-server.js';
export type { ReadAccess } from './request-auth.js';
export { createPushEvents } from './push-events.js';
export type { PushEvent, PushEvents, PushListener } from './push-events.js';
export { diffRefs, ZERO_COMMIT } from './ref-changes.js';
export type { RefChange, RefSnapshot } from './ref-changes.js';
export { GitCommandError } from './git-command.js';
export type { GitEnv } from './git-command.js';
// The reader the Application controller resolves revisions and reads sources through: hosted
// repositories straight from disk, external ones from mirrors fetched with the git CLI.
export { createGitReader } from './git-reader.js';
export type { GitReader, GitReaderOptions } from './git-reader.js';
export type { GitCredentials } from './repo-url.js';
export { redactUrl } from './repo-url.js';
export { rewriteUrl, parseUrlRewrite, isHostedTarget, sameOrigin } from './url-rewrite.js';
export type { UrlRewrite } from './url-rewrite.js';
// External triggers: GitHub and GitLab push webhooks (served at /api/webhook by the git server)
// and how a push or a poll is matched to the sources that follow a repository.
export { parseWebhook, parseGitHubPush, parseGitLabPush, verifyGitHubSignature, repositoryIdentity, sameRepository, revisionMayMove } from './webhook.js';
export type { WebhookPush, WebhookSecrets, WebhookOutcome } from './webhook.js';
export { WEBHOOK_PATH } from './webhook-route.js';
export type { WebhookListener } from './webhook-route.js';
export { commitFiles } from './commit-files.js';
export type { CommitRequest } from './commit-files.js';
