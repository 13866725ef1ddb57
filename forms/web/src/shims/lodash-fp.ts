/**
 * lodash/fp's `set` and `unset`, the only two lodash/fp functions the bundle
 * uses (JSON Forms' core reducer, called with all their arguments), without
 * lodash/fp's conversion layer (~7 KB brotli on every citizen page). The build
 * resolves `lodash/fp/set` and `lodash/fp/unset` here (forms/web/build.ts).
 * Same semantics: the object is cloned along the path, then changed, so the
 * original is left as it was (lodash/fp _baseConvert.js, cloneByPath). Built on es-toolkit's
 * lodash-compatible functions, as the rest of the bundle's lodash (forms/web/build.ts).
 */
import clone from 'es-toolkit/compat/clone';
import mutableSet from 'es-toolkit/compat/set';
import toPath from 'es-toolkit/compat/toPath';
import mutableUnset from 'es-toolkit/compat/unset';

function cloneByPath(object: unknown, path: string | readonly (string | number)[]): Record<string, unknown> {
  const keys = toPath(path);
  const result = clone(Object(object)) as Record<string, unknown>;
  let nested: Record<string, unknown> | undefined = result;
  for (let i = 0; nested != null && i < keys.length; i++) {
    const key = keys[i] as string;
    const value = nested[key];
    if (
      value != null &&
      typeof value !== 'function' &&
      !(value instanceof Error) &&
      !(value instanceof WeakMap)
    )
      nested[key] = clone(i === keys.length - 1 ? value : Object(value));
    nested = nested[key] as Record<string, unknown> | undefined;
  }
  return result;
}

/** `set(path, value, object)`: a copy of `object` with `value` at `path`. */
export function set(path: string | readonly (string | number)[], value: unknown, object: unknown): unknown {
  const result = cloneByPath(object, path);
  mutableSet(result, path, value);
  return result;
}

/** `unset(path, object)`: a copy of `object` without the property at `path`. */
export function unset(path: string | readonly (string | number)[], object: unknown): unknown {
  const result = cloneByPath(object, path);
  mutableUnset(result, path);
  return result;
}
