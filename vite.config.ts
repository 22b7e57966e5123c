import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env['HOTSPOT_API'] ?? 'http://127.0.0.1:3000';

/** The web app: built into dist/web and served by `hotspot serve`; `npm run dev:web` proxies /api. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: { '/api': apiTarget, '/healthz': apiTarget },
  },
});
