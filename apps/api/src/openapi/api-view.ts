import { ApiExtension } from '@nestjs/swagger';
import type { ApiViews } from './api-views';

/** The OpenAPI extension that names a route's view until `npm run openapi` puts the view's schema there. */
export const API_VIEW_EXTENSION = 'x-park-view';

/**
 * What a route answers, by its name in ApiViews. The compiler holds the route to it: a handler whose result is
 * not that view does not build. `npm run openapi` (scripts/openapi.ts) puts the view's JSON Schema — generated
 * from the TypeScript type itself — into the route's success response of the OpenAPI document.
 */
export function ApiView<K extends keyof ApiViews>(name: K) {
  return <F extends (...args: never[]) => Promise<ApiViews[K]> | ApiViews[K]>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): void => {
    ApiExtension(API_VIEW_EXTENSION, name)(target, key, descriptor);
  };
}
