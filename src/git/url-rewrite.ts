import { fail, ok, type Result } from '../core/index.js';
import { isValidRepoName, REPO_NAME_RULE } from './repo-name.js';
import { normalizeUrl } from './repo-url.js';

/**
 * A git URL mirror (`--git-mirror FROM=TO`): gantry fetches URLs starting with `from` from `to`
 * instead, while Applications keep the original URL. `to` is a URL (the rest of the original URL
 * after `from` is appended, as git's `url.<base>.insteadOf` does) or the name of a repository
 * gantry hosts (then `from` names one whole repository, with or without `.git`).
 */
export interface UrlRewrite {
  from: string;
  to: string;
}

/** Whether a rewrite's target is a hosted repository name rather than a URL. */
export function isHostedTarget(to: string): boolean {
  return !to.includes(':') && !to.includes('/');
}

/** Reads `FROM=TO`; the error says what a valid mirror looks like. */
export function parseUrlRewrite(spec: string): Result<UrlRewrite, string> {
  const at = spec.indexOf('=');
  const from = at < 0 ? '' : spec.slice(0, at).trim();
  const to = at < 0 ? '' : spec.slice(at + 1).trim();
  if (!from || !to) return fail(`git mirror ${JSON.stringify(spec)}: write FROM=TO, e.g. https://github.com/org/repo=my-hosted-repo or https://github.com/=https://mirror.example.com/`);
  if (isHostedTarget(to) && !isValidRepoName(to)) return fail(`git mirror ${JSON.stringify(spec)}: ${JSON.stringify(to)} is neither a URL nor a hosted repository name (${REPO_NAME_RULE})`);
  return ok({ from, to });
}

function matches(url: string, rule: UrlRewrite): boolean {
  return isHostedTarget(rule.to) ? normalizeUrl(url) === normalizeUrl(rule.from) : url.startsWith(rule.from);
}

/**
 * The URL gantry fetches `url` from: the longest matching `from` wins (as with git's insteadOf);
 * a hosted target becomes `<hostedPrefix><name>.git`. Unmatched URLs come back unchanged.
 */
export function rewriteUrl(url: string, rewrites: readonly UrlRewrite[], hostedPrefix: string): string {
  let best: UrlRewrite | undefined;
  for (const rule of rewrites) {
    if (matches(url, rule) && (!best || rule.from.length > best.from.length)) best = rule;
  }
  if (!best) return url;
  if (isHostedTarget(best.to)) return `${hostedPrefix.endsWith('/') ? hostedPrefix : `${hostedPrefix}/`}${best.to}.git`;
  return best.to + url.slice(best.from.length);
}

/** Whether two URLs share scheme, host and port: credentials for one are offered to the other only then. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.protocol === y.protocol && x.host === y.host;
  } catch {
    return a === b;
  }
}
