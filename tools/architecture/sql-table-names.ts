/**
 * Finds the tables a piece of SQL names: after from, join, into, update, table and truncate,
 * skipping subqueries and function calls (`from unnest(...)`), CTE names, `extract(epoch from x)`,
 * `is distinct from`, `for update` and `on conflict ... do update`. A scan, not a parser: it
 * needs to see the table names the platform's queries use, not every corner of SQL.
 */

const STATEMENT =
  /\b(select\b[\s\S]*\bfrom|insert\s+into|update\s+[a-z_][\w.]*(\s+[a-z_]\w*)?\s+set|delete\s+from|(create|alter|drop)\s+(unique\s+)?(table|index)|truncate)\b/i;

const KEYWORDS = new Set([
  'as',
  'on',
  'where',
  'join',
  'left',
  'right',
  'inner',
  'outer',
  'full',
  'cross',
  'natural',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'having',
  'union',
  'except',
  'intersect',
  'window',
  'set',
  'values',
  'select',
  'returning',
  'for',
  'lateral',
  'only',
  'if',
  'not',
  'exists',
  'table',
  'default',
  'do',
  'with',
  'and',
  'or',
]);

/** True when `text` holds a SQL statement (a select with a from, an insert, an update ... set, ...). */
export const looksLikeSql = (text: string): boolean => STATEMENT.test(text);

/** The words and punctuation of `sql`, lowercased, without comments, quoted strings and `${...}` holes. */
export function sqlTokens(sql: string): string[] {
  const bare = sql
    .toLowerCase()
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, ' ? ')
    .replace(/\$\{[^}]*\}/g, ' ? ');
  return bare.match(/[a-z_][a-z0-9_$]*(?:\.[a-z_][a-z0-9_$]*)?|"[^"]*"|[(),;?]|\S/g) ?? [];
}

const isName = (token: string | undefined): token is string =>
  token !== undefined && /^[a-z_][a-z0-9_$.]*$/.test(token) && !KEYWORDS.has(token);

function cteNames(tokens: readonly string[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, i) => {
    const opener = tokens[i - 1];
    if (
      tokens[i + 1] === 'as' &&
      tokens[i + 2] === '(' &&
      (opener === 'with' || opener === ',' || opener === 'recursive')
    ) {
      names.add(token);
    }
  });
  return names;
}

/** Whether the keyword at `i` introduces a table (and not `extract(epoch from`, `for update`, ...). */
function introducesTable(tokens: readonly string[], i: number): boolean {
  const [word, before] = [tokens[i], tokens[i - 1]];
  if (word === 'from') return before !== 'distinct' && tokens[i - 3] !== 'extract';
  if (word === 'update') return before !== 'for' && before !== 'do' && before !== 'on';
  if (word === 'table') return before === 'create' || before === 'alter' || before === 'drop';
  return word === 'join' || word === 'into' || word === 'truncate';
}

/** The position of the table name after the keyword at `i` (past only, if not exists, lateral). */
function nameAt(tokens: readonly string[], i: number): number {
  let j = i + 1;
  while (['only', 'if', 'not', 'exists', 'table'].includes(tokens[j] ?? '')) j++;
  return j;
}

/** The tables `sql` names, in order of appearance, without repeats. */
export function tablesNamed(sql: string): string[] {
  const tokens = sqlTokens(sql);
  const ctes = cteNames(tokens);
  const found: string[] = [];
  // After from and join a `(` makes a call (`unnest(...)`); after into or table it opens a column list.
  const add = (j: number, source: boolean): void => {
    const name = tokens[j];
    if (!isName(name) || (source && tokens[j + 1] === '(')) return;
    const table = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
    if (!ctes.has(table) && !found.includes(table)) found.push(table);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (
      !['from', 'join', 'into', 'update', 'table', 'truncate'].includes(tokens[i]) ||
      !introducesTable(tokens, i)
    )
      continue;
    const source = tokens[i] === 'from' || tokens[i] === 'join';
    let j = nameAt(tokens, i);
    add(j, source);
    // `from a x, b y`: each item of a comma list names a table too.
    while (tokens[i] === 'from') {
      let k = j + 1;
      if (tokens[k] === 'as') k++;
      if (isName(tokens[k])) k++;
      if (tokens[k] !== ',' || tokens[j + 1] === '(') break;
      j = k + 1;
      add(j, true);
    }
  }
  return found;
}
