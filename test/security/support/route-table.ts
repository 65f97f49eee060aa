import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { canEdit, DEPARTMENTS, ROLES, type Department, type EditArea, type Role } from '@park/auth';
import { API_CONTROLLERS } from '../../../apps/api/src/api.module';
import {
  ALERT_LINK_KEY,
  EDITS_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  SOURCE_KEY_KEY,
} from '../../../apps/api/src/auth/auth.decorators';
import { openApiDocument } from '../../../apps/api/src/openapi/openapi';

/** A JSON schema as far as the sweep reads one (the OpenAPI document's component schemas). */
export interface BodySchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, BodySchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly items?: BodySchema;
  readonly $ref?: string;
}

/** One REST route as the generic sweep walks it. */
export interface ApiRoute {
  /** GET, POST, PUT, PATCH, DELETE. */
  readonly method: string;
  /** Express form, `/api/enterprises/:id`. */
  readonly path: string;
  /** Names of the path parameters, in order. */
  readonly pathParams: readonly string[];
  /** The query parameters the OpenAPI document declares. */
  readonly queryParams: readonly string[];
  /** Null for @Public(), @AlertLinkAccess() and @SourceKey() routes. */
  readonly roles: readonly Role[] | null;
  /** Authorised by the signed alert link in its `:token` (@AlertLinkAccess()), not by a session. */
  readonly alertLink: boolean;
  /** Authorised by a source system's API key (@SourceKey(), the exchange's inbound route), not by a session. */
  readonly sourceKey: boolean;
  /** @Edits(area) routes: the areas a staff member's department must be allowed to edit (any one); else null. */
  readonly edits: readonly EditArea[] | null;
  /** The request body: its media type and (resolved) schema; null when the route takes none. */
  readonly body: { readonly mediaType: string; readonly schema: BodySchema } | null;
  /** `METHOD /path`, as the reports name a route. */
  readonly name: string;
}

interface DeclaredAccess {
  readonly roles: readonly Role[] | null;
  readonly isPublic: boolean;
  readonly alertLink: boolean;
  readonly sourceKey: boolean;
  readonly edits: readonly EditArea[] | null;
}

/**
 * Who may call each route, read from the @Roles/@Public metadata the global guard enforces — the same walk as
 * apps/api/src/auth/routes-declare-access.spec.ts. Keyed by `METHOD /path` in Express form.
 */
function declaredAccess(): Map<string, DeclaredAccess> {
  const out = new Map<string, DeclaredAccess>();
  for (const controller of API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const route = `${method} ${`/${base}/${path}`.replace(/\/+$/, '').replace(/\/\/+/g, '/')}`;
      const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
        Reflect.getMetadata(ROLES_KEY, controller)) as Role[] | undefined;
      const isPublic =
        (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)) === true;
      const alertLink =
        (Reflect.getMetadata(ALERT_LINK_KEY, handler) ?? Reflect.getMetadata(ALERT_LINK_KEY, controller)) ===
        true;
      const sourceKey =
        (Reflect.getMetadata(SOURCE_KEY_KEY, handler) ?? Reflect.getMetadata(SOURCE_KEY_KEY, controller)) ===
        true;
      const edits = (Reflect.getMetadata(EDITS_KEY, handler) ??
        Reflect.getMetadata(EDITS_KEY, controller)) as EditArea[] | undefined;
      out.set(route, { roles: roles ?? null, isPublic, alertLink, sourceKey, edits: edits ?? null });
    }
  }
  return out;
}

interface OpenApiParameter {
  readonly in: string;
  readonly name: string;
}

interface OpenApiOperation {
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: BodySchema }>> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every REST route, generated from the OpenAPI document the API builds (apps/api/src/openapi) and joined with
 * the access each route declares. A route added to any controller is in the document, so the sweep walks it
 * without anyone listing it. Throws when the document and the router disagree (a route the document misses
 * would escape the sweep; one the router lacks would be a stale document), and when a route declares no access.
 */
export function apiRouteTable(app: INestApplication): ApiRoute[] {
  const document = openApiDocument(app);
  const schemas = (document.components?.schemas ?? {}) as Record<string, BodySchema>;
  const resolve = (schema: BodySchema): BodySchema =>
    schema.$ref ? resolve(schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  const access = declaredAccess();
  const routes: ApiRoute[] = [];
  const paths = document.paths as Record<string, Partial<Record<string, OpenApiOperation>>>;
  for (const [openApiPath, operations] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const path = openApiPath.replace(/\{(\w+)\}/g, ':$1');
      const name = `${method.toUpperCase()} ${path}`;
      const declared = access.get(name);
      if (!declared) throw new Error(`${name} is in the OpenAPI document but not in API_CONTROLLERS`);
      const session = !declared.isPublic && !declared.alertLink && !declared.sourceKey;
      if (session && (!declared.roles || declared.roles.length === 0))
        throw new Error(`${name} declares none of @Public(), @Roles(...), @AlertLinkAccess(), @SourceKey()`);
      const content = operation.requestBody?.content ?? {};
      const mediaType = Object.keys(content)[0];
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        roles: session ? declared.roles : null,
        alertLink: declared.alertLink,
        sourceKey: declared.sourceKey,
        edits: declared.edits,
        body: mediaType ? { mediaType, schema: resolve(content[mediaType].schema ?? {}) } : null,
        name,
      });
    }
  }
  const documented = new Set(routes.map((r) => r.name));
  const undocumented = [...access.keys()].filter((r) => !documented.has(r));
  if (undocumented.length > 0)
    throw new Error(`routes missing from the OpenAPI document: ${undocumented.join(', ')}`);
  return routes;
}

/** The roles a route does not admit (none for a public, alert-link or source-key route: no session is asked for). */
export function refusedRoles(route: ApiRoute): Role[] {
  return route.roles ? ROLES.filter((r) => !route.roles!.includes(r)) : [];
}

/** The departments whose staff an @Edits route refuses (none of its areas is theirs); none for other routes. */
export function refusedDepartments(route: ApiRoute): Department[] {
  const areas = route.edits;
  if (!areas) return [];
  return DEPARTMENTS.filter((d) => !areas.some((area) => canEdit({ role: 'staff', department: d }, area)));
}
