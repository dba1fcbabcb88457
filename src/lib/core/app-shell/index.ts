export { routeRequest, precacheList, type ShellRoute, type ShellScope } from './route.ts';
export { withHeaders } from './isolate.ts';
