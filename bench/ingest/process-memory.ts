/** Memory of the calling process in MB. */
export interface ProcessMemory {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

export function processMemory(): ProcessMemory {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    externalMb: mb(m.external + m.arrayBuffers),
  };
}
