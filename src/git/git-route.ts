import { isValidRepoName } from './repo-name.js';

/** Whether a request reads a repository or pushes to it. */
export type GitAccess = 'read' | 'write';

/** A request to hosted git, resolved to the repository and the CGI path, or the reason it is refused. */
export type GitRoute =
  | { ok: true; repo: string; pathInfo: string; query: string; access: GitAccess; updatesRefs: boolean }
  | { ok: false; status: 400 | 404; message: string };

const PREFIX = '/git/';

/**
 * Resolves a request line to a hosted repository. The raw path is inspected before any
 * normalisation, so `..`, `.` and encoded slashes are refused (400) rather than resolved away.
 */
export function routeGitRequest(method: string, url: string): GitRoute {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (!rawPath.startsWith(PREFIX)) return refuse(404, 'not found: gantry serves git repositories at /git/<name>.git');
  const segments = decodeSegments(rawPath.slice(PREFIX.length));
  if (!segments) return refuse(400, 'bad request: the path must not contain ".", ".." or encoded "/" segments');
  const [first = '', ...rest] = segments;
  const repo = first.endsWith('.git') ? first.slice(0, -'.git'.length) : '';
  if (!isValidRepoName(repo)) return refuse(404, `not found: no repository at /git/${first}`);
  const subPath = rest.join('/');
  const service = new URLSearchParams(query).get('service');
  const pushing = subPath === 'git-receive-pack' || (subPath === 'info/refs' && service === 'git-receive-pack');
  return {
    ok: true,
    repo,
    pathInfo: `/${first}/${subPath}`,
    query,
    access: pushing ? 'write' : 'read',
    updatesRefs: subPath === 'git-receive-pack' && method === 'POST',
  };
}

function decodeSegments(path: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

function refuse(status: 400 | 404, message: string): GitRoute {
  return { ok: false, status, message };
}
