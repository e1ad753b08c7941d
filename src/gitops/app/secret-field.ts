/** A Secret's field as text: from stringData (as written, before the apiserver folds it into data), else data decoded from base64. */
export function secretField(secret: { data?: Record<string, string>; stringData?: Record<string, string> }, key: string): string | undefined {
  const text = secret.stringData?.[key];
  if (text !== undefined) return text;
  const encoded = secret.data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}
