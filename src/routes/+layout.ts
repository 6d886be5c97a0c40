// Every page is a static shell rendered in the browser: the app has no server.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'never';
