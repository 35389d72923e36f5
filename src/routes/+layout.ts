// The app is a single-page shell: it renders in the browser from local data, so that it opens
// with no network. Only the shell at "/" is prerendered and precached by the service worker.
export const ssr = false;
export const prerender = false;
