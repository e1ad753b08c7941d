/** A whole-number flag from 1 to `max`, or the fallback when absent; the error names the flag and shows the usage. */
export function positiveFlag(o: { flag: string; text: string | undefined; fallback: number; max: number; usage: string }): number {
  if (o.text === undefined) return o.fallback;
  const value = Number(o.text);
  if (!Number.isInteger(value) || value < 1 || value > o.max) {
    throw new Error(`${o.flag} takes a whole number from 1 to ${o.max} (got ${JSON.stringify(o.text)})\n${o.usage}`);
  }
  return value;
}
