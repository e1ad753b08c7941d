/** Whether a syncOptions list holds an option (`CreateNamespace=true`), case-insensitively for the value. */
export function hasSyncOption(options: readonly string[] | undefined, option: string): boolean {
  const [key, value] = option.split('=');
  return (options ?? []).some((o) => {
    const [k, v] = o.split('=');
    return k?.trim() === key && (v ?? '').trim().toLowerCase() === (value ?? '').toLowerCase();
  });
}

/** The value of a `Key=value` option, or undefined. */
export function syncOptionValue(options: readonly string[] | undefined, key: string): string | undefined {
  const found = (options ?? []).find((o) => o.split('=')[0]?.trim() === key);
  return found?.slice(found.indexOf('=') + 1).trim();
}

/** A resource's own sync options (`argocd.argoproj.io/sync-options`, comma-separated, trimmed). */
export function resourceSyncOptions(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): string[] {
  return (obj?.metadata?.annotations?.['argocd.argoproj.io/sync-options'] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * Whether `Key=true` holds for one resource, as Argo CD decides it: the resource's annotation wins
 * (`ServerSideApply=false` on a resource turns off what the app turns on), else the app's option.
 */
export function isOptionOn(appOptions: readonly string[] | undefined, resourceOptions: readonly string[], key: string): boolean {
  const own = syncOptionValue(resourceOptions, key);
  const value = own ?? syncOptionValue(appOptions, key);
  return (value ?? '').toLowerCase() === 'true';
}

/** Whether `Key=false` holds for one resource (the resource's annotation first, then the app's): Prune=false, Delete=false, Validate=false. */
export function isOptionOff(appOptions: readonly string[] | undefined, resourceOptions: readonly string[], key: string): boolean {
  const own = syncOptionValue(resourceOptions, key);
  const value = own ?? syncOptionValue(appOptions, key);
  return (value ?? '').toLowerCase() === 'false';
}

/** How one resource is written during a sync. */
export interface ApplyMode {
  /** `Replace=true`: replace (PUT) the object, or create it when missing, instead of server-side apply. */
  replace: boolean;
  /** `Validate=false`: fields the apiserver's schema does not declare are dropped rather than refused. */
  validate: boolean;
  /**
   * `Force=true` (or `argocd app sync --force`): with Replace, delete and recreate the object (`kubectl
   * replace --force`); with apply, delete and recreate it when the apiserver refuses the change as
   * invalid or conflicting, say an immutable field (`kubectl apply --force`). Ignored where the
   * resource asks for `ServerSideApply=true`, as Argo CD ignores it there.
   */
  force?: boolean;
}

/**
 * The apply mode of a resource from the app's and its own sync options (Replace takes precedence
 * over ServerSideApply, as in Argo CD); `sync.force` is the operation's own force (`argocd app sync --force`).
 */
export function applyModeOf(appOptions: readonly string[] | undefined, target: { metadata?: { annotations?: Record<string, string> } }, sync: { force?: boolean } = {}): ApplyMode {
  const own = resourceSyncOptions(target);
  const replace = isOptionOn(appOptions, own, 'Replace');
  const forced = sync.force === true || isOptionOn(appOptions, own, 'Force');
  // Argo CD passes force to kubectl only for replace and client-side apply (server-side apply refuses --force).
  const force = forced && (replace || !isOptionOn(appOptions, own, 'ServerSideApply'));
  return { replace, validate: !isOptionOff(appOptions, own, 'Validate'), ...(force ? { force } : {}) };
}

/** One step of a field path as the apiserver's server-side apply names it: a field, a list item by its keys, or an index. */
export type FieldStep = { field: string } | { keys: Record<string, unknown> } | { index: number };

/**
 * The path of the field a server-side apply refused as undeclared
 * (`failed to create typed patch object: .spec.template.spec.containers[name="c"].wrong: field not
 * declared in schema`), or undefined when the message is another error or the path does not parse.
 */
export function undeclaredFieldPath(message: string): FieldStep[] | undefined {
  const match = /(?:^|\s)(\.[^\s]*): field not declared in schema/.exec(message);
  if (!match?.[1]) return undefined;
  const text = match[1];
  const steps: FieldStep[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[([^\]]+)\]/gy;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const step = stepOf(m);
    if (!step) return undefined;
    steps.push(step);
    end = re.lastIndex;
  }
  return end === text.length ? steps : undefined;
}

function stepOf(m: RegExpExecArray): FieldStep | undefined {
  if (m[1] !== undefined) return { field: m[1] };
  if (m[2] !== undefined) return { index: Number(m[2]) };
  const keys: Record<string, unknown> = {};
  for (const pair of (m[3] ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      keys[pair.slice(0, eq)] = JSON.parse(pair.slice(eq + 1)) as unknown;
    } catch {
      return undefined;
    }
  }
  return { keys };
}

/** A copy of `obj` without the field at `path`; undefined when the path leads nowhere in it. */
export function withoutField<T>(obj: T, path: readonly FieldStep[]): T | undefined {
  const copy = structuredClone(obj) as unknown;
  let node: unknown = copy;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    const next = childOf(node, step);
    if (next === undefined) return undefined;
    if (last) {
      removeChild(node, step, next);
      return copy as T;
    }
    node = next;
  }
  return undefined;
}

function childOf(node: unknown, step: FieldStep): unknown {
  if ('field' in step) return node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[step.field] : undefined;
  if (!Array.isArray(node)) return undefined;
  if ('index' in step) return node[step.index];
  return node.find((item) => item && typeof item === 'object' && Object.entries(step.keys).every(([k, v]) => (item as Record<string, unknown>)[k] === v));
}

function removeChild(node: unknown, step: FieldStep, child: unknown): void {
  if ('field' in step) delete (node as Record<string, unknown>)[step.field];
  else (node as unknown[]).splice((node as unknown[]).indexOf(child), 1);
}
