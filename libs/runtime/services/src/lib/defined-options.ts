/** Options without a value set are left out, so the owner's defaults apply (a spread `undefined` would override them). */
export type DefinedOptions<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** `options` without its undefined entries: unset settings keep the owning lib's default. */
export function definedOptions<T extends object>(options: T): DefinedOptions<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as DefinedOptions<T>;
}
