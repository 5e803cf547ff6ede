import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Browser-only app: everything is prerendered/static, with an SPA fallback for client routes.
    adapter: adapter({ fallback: '200.html' })
  }
};

export default config;
