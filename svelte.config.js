import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Browser-only app: everything is prerendered/static, with an SPA fallback for client routes.
    adapter: adapter({ fallback: '200.html' }),
    // Absolute asset URLs: the service worker serves the prerendered shell for every client route
    // (/session/x, /receipt/x), where relative `./_app/...` paths would not resolve.
    paths: { relative: false }
  }
};

export default config;
