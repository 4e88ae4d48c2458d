/** Where the signed-in token lives: sessionStorage, so it ends with the browser tab. */
const KEY = 'hourglass.token';

/** Reads the stored token, or null. */
export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the token. */
export function saveToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
}
