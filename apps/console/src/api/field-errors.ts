/** An API refusal split onto a form: each field's messages, and what names no field. */
export interface FieldErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  other: string[];
}

/**
 * Places a 400's message (`path: message; path: message`, as the API words it) on the form fields
 * `fieldOfPath` maps its paths to; anything else (a 403, a 404, an unknown path) stays whole.
 */
export function placeFieldErrors<F extends string>(
  message: string,
  fieldOfPath: Readonly<Record<string, F>>,
): FieldErrors<F> {
  const errors: FieldErrors<F> = { fields: {}, other: [] };
  for (const part of message.split('; ')) {
    const colon = part.indexOf(': ');
    const path = colon > 0 ? part.slice(0, colon) : '';
    const field = Object.hasOwn(fieldOfPath, path) ? fieldOfPath[path] : undefined;
    if (!field) {
      errors.other.push(part);
      continue;
    }
    const text = part.slice(colon + 2);
    const before = errors.fields[field];
    errors.fields[field] = before ? `${before}; ${text}` : text;
  }
  return errors;
}
