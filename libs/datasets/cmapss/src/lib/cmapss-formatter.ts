import type { CmapssUnit } from './cmapss-parser';

/**
 * Writes units in the C-MAPSS text format, one space-separated row per line (the inverse of
 * `parseCmapssFile`, which reads it back to the same units and cycles).
 */
export function formatCmapssFile(
  units: ReadonlyArray<
    Pick<CmapssUnit, 'unit'> & { rows: ReadonlyArray<{ cycle: number; values: readonly number[] }> }
  >,
): string {
  const lines: string[] = [];
  for (const { unit, rows } of units) {
    for (const row of rows) lines.push([unit, row.cycle, ...row.values].map(String).join(' '));
  }
  return lines.join('\n') + '\n';
}
