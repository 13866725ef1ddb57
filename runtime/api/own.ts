/**
 * Id-to-object lookups that cannot be fooled: a record's own property only,
 * so `constructor`, `__proto__` or `toString` in a URL or a body never reach
 * Object.prototype (they answered 500 before, issue 14).
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
