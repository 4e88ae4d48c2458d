export * from './lib/cmapss-formatter';
export * from './lib/cmapss-parser';
export * from './lib/rul-file.parser';
