import type { ApiRouteKey } from './api-routes';

// Apart from api-routes.ts, which builds the zod schemas: a client that only builds paths (the
// console) does not bundle zod.

type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;

/** The path parameters of route `K`, by name. */
export type ApiPathParams<K extends ApiRouteKey> = Record<ParamNames<K>, string>;

/**
 * The concrete path of route `key`: each `{name}` replaced by its encoded parameter, then the
 * query (entries left undefined are dropped).
 */
export function apiPath<K extends ApiRouteKey>(
  key: K,
  params: ApiPathParams<K>,
  query: Record<string, string | number | undefined> = {},
): string {
  const template = key.slice(key.indexOf(' ') + 1);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (params as Record<string, string>)[name];
    if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The method of route `key`. */
export function apiMethod(key: ApiRouteKey): string {
  return key.slice(0, key.indexOf(' '));
}
