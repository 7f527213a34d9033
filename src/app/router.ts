import { useSyncExternalStore } from 'react';

/** The app's pages. Hash routes keep the SMART redirect URL (the app root) stable. */
export type Route = { page: 'studies' } | { page: 'new'; order?: string } | { page: 'study'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'new') return { page: 'new' };
  const forOrder = /^new\/order\/([A-Za-z0-9\-.]{1,64})$/.exec(path);
  if (forOrder?.[1]) return { page: 'new', order: forOrder[1] };
  const study = /^study\/([A-Za-z0-9\-.]{1,64})$/.exec(path);
  if (study?.[1]) return { page: 'study', id: study[1] };
  return { page: 'studies' };
}

export function routeHref(route: Route): string {
  if (route.page === 'new') return route.order ? `#/new/order/${route.order}` : '#/new';
  if (route.page === 'study') return `#/study/${route.id}`;
  return '#/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, following the location hash. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/** Changes the address without a history entry (after a new study is saved it becomes that study's page). */
export function replaceRoute(route: Route): void {
  window.history.replaceState(window.history.state, '', routeHref(route));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
