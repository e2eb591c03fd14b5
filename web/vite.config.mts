import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser UI, built into web/dist and served by the API under / (src/platform/http/web-app.ts).
// No React plugin: Vite transforms TSX itself (oxc) with the automatic JSX runtime.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // React Query's and React Router's "use client" markers mean nothing without server components.
      onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning),
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.tsx'] },
});
