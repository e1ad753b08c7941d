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
