/** Builds the explorer page (web/) into dist/web, which the server serves at `/`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(webRoot, '..');

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: path.join(projectRoot, 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: true,
    // cytoscape alone is ~400 kB minified; it is one page, so one vendor chunk is fine.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          return id.includes('node_modules') ? 'vendor' : undefined;
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: the API comes from a running server.
    proxy: { '/graphql': process.env.EXPLORER_API ?? 'http://localhost:4000' },
  },
});
