// The whole app runs in the browser: prerender the shell, no server rendering of data.
export const prerender = true;
export const ssr = false;
