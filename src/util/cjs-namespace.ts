// The namespace of a lazily imported CommonJS package, the same under Node and inside our code-split esbuild bundle.

/** Node gives a CommonJS package's named exports; an esbuild bundle with code splitting gives only `default`. */
export function cjsNamespace<T extends object>(mod: T | { default: T }, probe: keyof T): T {
  if (probe in mod) return mod as T;
  return (mod as { default: T }).default;
}
