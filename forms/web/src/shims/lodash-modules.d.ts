/** The lodash modules the lodash/fp shim uses (lodash ships no types; JSON Forms brings lodash). */
declare module 'lodash/clone' {
  export default function clone<T>(value: T): T;
}
declare module 'lodash/set' {
  export default function set<T extends object>(
    object: T,
    path: string | readonly (string | number)[],
    value: unknown,
  ): T;
}
declare module 'lodash/unset' {
  export default function unset(object: object, path: string | readonly (string | number)[]): boolean;
}
declare module 'lodash/toPath' {
  export default function toPath(value: unknown): string[];
}
declare module 'lodash/fp/set' {
  export default function set(path: string, value: unknown, object: unknown): unknown;
}
declare module 'lodash/fp/unset' {
  export default function unset(path: string, object: unknown): unknown;
}
