import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The console is served by the platform at `/`; the API it calls stays under `/api` on the same origin. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The REST types and value lists (TASK_STATUSES) come from the contracts lib, compiled from source.
  resolve: {
    alias: {
      '@hourglass/contracts-api': fileURLToPath(
        new URL('../../libs/contracts/api/src/index.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist',
    // Not 'assets': that is the console's own path of an asset page (/assets/{id}).
    assetsDir: 'static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // The contracts lib's modules only declare (types, value lists, zod schemas): what the console
    // does not use is dropped, zod with the schemas (the console builds paths, the API validates).
    rollupOptions: { treeshake: { moduleSideEffects: (id) => !id.includes('/libs/contracts/') } },
  },
  server: {
    // `npx vite apps/console` during development: the API of a running `npm start`.
    proxy: { '/api': process.env['HG_CONSOLE_API'] ?? 'http://127.0.0.1:8080' },
  },
});
