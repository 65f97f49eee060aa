/**
 * The contract between the API and the web app (CONVENTIONS.md §3, §9). `npm run openapi` writes
 *   apps/api/src/openapi/openapi.json  the OpenAPI document: the routes as Nest and @nestjs/swagger see them, each
 *                                      success answer the JSON Schema of its @ApiView type (apps/api/src/openapi/
 *                                      api-views.ts), generated from the TypeScript types by ts-json-schema-generator;
 *   apps/web/src/api/api-schema.ts     the web app's types, generated from that document by openapi-typescript.
 * With --check (run by `npm test`) it writes nothing and exits 1 when either committed file differs from what the
 * code generates. No database, broker or store is needed: the app is built in Nest's preview mode, which resolves
 * the modules without running a provider's factory.
 * Usage: node dist/scripts/openapi.js [--check]
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@park/config';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createGenerator, type Definition } from 'ts-json-schema-generator';
import { apiConfigSpec } from '../apps/api/src/api.config';
import { ApiModule } from '../apps/api/src/api.module';
import { openApiDocument } from '../apps/api/src/openapi/openapi';
import { API_VIEW_EXTENSION } from '../apps/api/src/openapi/api-view';

const ROOT = resolve(__dirname, '../..');
const DOCUMENT = 'apps/api/src/openapi/openapi.json';
const WEB_TYPES = 'apps/web/src/api/api-schema.ts';
const VIEWS = 'apps/api/src/openapi/api-views.ts';

type Schema = Record<string, unknown>;

/** The routes as the app declares them; nothing connects in preview mode, so these settings are never used. */
async function routesDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(apiConfigSpec, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
    KAFKA_BROKERS: '127.0.0.1:1',
    JWT_SECRET: 'openapi-generation-makes-no-token-0123456789',
    INFLUX_URL: 'http://127.0.0.1:1',
    INFLUX_DATABASE: 'none',
  });
  const app = await NestFactory.create(ApiModule.forRoot(config), { preview: true, logger: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** "Page<DeviceView>" → "Page_DeviceView": component names may hold only letters, digits, ".", "_" and "-". */
function componentName(definition: string): string {
  return decodeURIComponent(definition)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');
}

/** Rewrites JSON Schema `#/definitions/X` references into the document's `#/components/schemas/Y`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/')
        ? [key, `#/components/schemas/${componentName(inner.slice('#/definitions/'.length))}`]
        : [key, relink(inner)],
    ),
  );
}

/** The JSON Schema of each view of ApiViews, and every type they refer to, named for components.schemas. */
function viewSchemas(): { views: Record<string, Schema>; components: Record<string, Schema> } {
  const schema = createGenerator({
    path: join(ROOT, VIEWS),
    tsconfig: join(ROOT, 'tsconfig.json'),
    type: 'ApiViews',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('ApiViews');
  const definitions = (schema.definitions ?? {}) as Record<string, Definition>;
  const { ApiViews, ...rest } = definitions;
  const components: Record<string, Schema> = {};
  for (const [name, definition] of Object.entries(rest)) {
    const component = componentName(name);
    if (components[component]) throw new Error(`two view types are both named ${component}`);
    components[component] = relink(definition) as Schema;
  }
  const views = relink((ApiViews as { properties: Record<string, Schema> }).properties) as Record<
    string,
    Schema
  >;
  return { views, components };
}

/** The document: the routes, each @ApiView's schema in its success answer, the view types among the schemas. */
export async function generateDocument(): Promise<OpenAPIObject> {
  const document = await routesDocument();
  const { views, components } = viewSchemas();
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Schema][]) {
      const view = operation[API_VIEW_EXTENSION];
      if (typeof view !== 'string') continue;
      const schema = views[view];
      if (!schema) throw new Error(`${method.toUpperCase()} ${path}: no view ${view} in ${VIEWS}`);
      const responses = operation.responses as Record<string, Schema>;
      const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
      if (success.length !== 1)
        throw new Error(`${method.toUpperCase()} ${path}: ${success.length} success answers`);
      responses[success[0]] = { ...responses[success[0]], content: { 'application/json': { schema } } };
      delete operation[API_VIEW_EXTENSION];
      used.add(view);
    }
  }
  const silent = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Schema>)
      .filter(([, operation]) =>
        Object.entries(operation.responses as Record<string, Schema>).some(
          ([status, response]) => /^2\d\d$/.test(status) && status !== '204' && !response.content,
        ),
      )
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  // A route that answers something says what: an @ApiView, or a schema of its own (files, this document).
  if (silent.length > 0) throw new Error(`routes that answer without a view: ${silent.join(', ')}`);
  const unused = Object.keys(views).filter((view) => !used.has(view));
  if (unused.length > 0) throw new Error(`views no route answers with: ${unused.join(', ')}`);
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(components)) {
    if (schemas[name]) throw new Error(`a view type and a request DTO are both named ${name}`);
  }
  // The view schemas are JSON Schema (type: ["string", "null"]), which is OpenAPI 3.1's schema dialect.
  return {
    ...document,
    openapi: '3.1.0',
    components: { ...document.components, schemas: { ...schemas, ...components } },
  };
}

async function pretty(text: string, file: string): Promise<string> {
  const options = await resolveConfig(join(ROOT, file));
  return format(text, { ...options, filepath: join(ROOT, file) });
}

/** Both generated files, path → content. */
export async function generateContract(): Promise<Record<string, string>> {
  const document = await generateDocument();
  // arrayLength: a [longitude, latitude] pair (minItems = maxItems = 2) stays a pair, not a number[].
  const types = astToString(
    await openapiTS(document as Parameters<typeof openapiTS>[0], { arrayLength: true }),
  );
  const banner =
    '// Generated by `npm run openapi` (scripts/openapi.ts) from apps/api/src/openapi/openapi.json: do not edit.\n' +
    "// The web app's calls to the API are typed by it; `npm test` fails when it is stale.\n\n";
  return {
    [DOCUMENT]: await pretty(JSON.stringify(document), DOCUMENT),
    [WEB_TYPES]: await pretty(banner + types, WEB_TYPES),
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateContract();
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    let committed: string | null = null;
    try {
      committed = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      committed = null;
    }
    if (committed === content) continue;
    if (check) stale.push(file);
    else writeFileSync(join(ROOT, file), content);
  }
  if (stale.length > 0) {
    process.stdout.write(
      `openapi: the committed contract differs from the code: ${stale.join(', ')} — run npm run openapi and commit\n`,
    );
    process.exitCode = 1;
  } else if (check) process.stdout.write('openapi: the committed document and web types match the code\n');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  });
}
