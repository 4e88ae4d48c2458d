/**
 * One pass over raw JSON text for what JSON.parse hides: nesting depth, and integer literals
 * that JSON.parse would silently round (`9007199254740993` parses as `9007199254740992`).
 * Node 20 has no reviver access to the source text, so the literals are found here.
 * The scan is lenient: on malformed text it may stop early, and JSON.parse reports the error.
 */
export interface JsonTextScan {
  /** True when arrays/objects nest deeper than the limit; `unsafeIntegers` is then incomplete. */
  tooDeep: boolean;
  /**
   * Parsed values (after JSON.parse's rounding) of integer literals beyond ±(2^53 - 1), mapped to
   * their source literal. Undefined when there are none, the usual case.
   */
  unsafeIntegers: Map<number, string> | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Number.MAX_SAFE_INTEGER has 16 digits: a shorter integer literal is always safe. */
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

const CLEAN: JsonTextScan = Object.freeze({ tooDeep: false, unsafeIntegers: undefined });
const TOO_DEEP: JsonTextScan = Object.freeze({ tooDeep: true, unsafeIntegers: undefined });

/** Scans `text` for nesting deeper than `maxDepth` and for unsafe integer literals. */
export function scanJsonText(text: string, maxDepth: number): JsonTextScan {
  let depth = 0;
  let unsafe: Map<number, string> | undefined;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) break;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return TOO_DEEP;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      const end = numberEnd(text, i);
      if (end - i >= MAX_SAFE_DIGITS) unsafe = noteIfUnsafe(text, i, end, unsafe);
      i = end - 1;
    }
  }
  return unsafe === undefined ? CLEAN : { tooDeep: false, unsafeIntegers: unsafe };
}

/**
 * Index of the quote closing the string opened at `open`, or -1 when it is unterminated.
 * A plain loop: indexOf is faster on long plain strings but slows down several times on strings
 * made of escaped quotes, and hostile payloads pick the worst case.
 */
function closingQuote(text: string, open: number): number {
  const length = text.length;
  for (let i = open + 1; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** Index just past the number token starting at `start`. */
function numberEnd(text: string, start: number): number {
  let i = start + 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const numeric =
      (c >= DIGIT_0 && c <= DIGIT_9) ||
      c === DOT ||
      c === LOWER_E ||
      c === UPPER_E ||
      c === MINUS ||
      c === PLUS;
    if (!numeric) break;
  }
  return i;
}

/**
 * Records `text[start, end)` when it is an integer literal (no fraction, no exponent) whose
 * magnitude exceeds Number.MAX_SAFE_INTEGER. Literals with a fraction or exponent are floats
 * by intent and keep IEEE-754 rounding semantics.
 */
function noteIfUnsafe(
  text: string,
  start: number,
  end: number,
  found: Map<number, string> | undefined,
): Map<number, string> | undefined {
  const literal = text.slice(start, end);
  const digits = literal.charCodeAt(0) === MINUS ? literal.slice(1) : literal;
  if (!/^[0-9]+$/.test(digits)) return found;
  // No leading zeros in JSON, so more digits means larger; BigInt only for the 16-digit case
  // (parsing a 256 KiB digit run as a BigInt would take tens of milliseconds).
  if (digits.length < MAX_SAFE_DIGITS) return found;
  if (digits.length === MAX_SAFE_DIGITS && BigInt(digits) <= MAX_SAFE_BIGINT) return found;
  const map = found ?? new Map<number, string>();
  map.set(Number(literal), literal);
  return map;
}
