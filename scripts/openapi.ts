/**
 * The contract between the API and the web app (CONVENTIONS.md §3, §9). `npm run openapi` writes
 *   apps/api/src/openapi/openapi.json  the OpenAPI document: the routes as Nest and @nestjs/swagger see them, each
 *                                      success answer the JSON Schema of its @ApiView type (apps/api/src/openapi/
 *                                      api-views.ts) and each JSON request body that of its DTO class (api-bodies.ts),
 *                                      both generated from the TypeScript types by ts-json-schema-generator;
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
import { API_CONTROLLERS, ApiModule } from '../apps/api/src/api.module';
import { openApiDocument } from '../apps/api/src/openapi/openapi';
import { API_VIEW_EXTENSION } from '../apps/api/src/openapi/api-view';
import { bodyClasses, validationKeywords, withValidation } from '../apps/api/src/openapi/body-classes';

const ROOT = resolve(__dirname, '../..');
const DOCUMENT = 'apps/api/src/openapi/openapi.json';
const WEB_TYPES = 'apps/web/src/api/api-schema.ts';
const VIEWS = 'apps/api/src/openapi/api-views.ts';
const BODIES = 'apps/api/src/openapi/api-bodies.ts';
const CONTRACT_TYPES = 'apps/api/src/openapi/api-{views,bodies}.ts';

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

/** Both lists' JSON Schemas, from one TypeScript program: each entry, and every type they refer to. */
interface ContractSchemas {
  readonly views: Record<string, Schema>;
  readonly bodies: Record<string, Schema>;
  /** Every named type either list refers to, named for components.schemas. */
  readonly components: Record<string, Schema>;
}

/** The JSON Schema of each entry of ApiViews and of ApiBodies, and every type they refer to. */
function contractSchemas(): ContractSchemas {
  const generator = createGenerator({
    path: join(ROOT, CONTRACT_TYPES),
    tsconfig: join(ROOT, 'tsconfig.json'),
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const components: Record<string, Schema> = {};
  const entries = (root: 'ApiViews' | 'ApiBodies'): Record<string, Schema> => {
    const definitions = (generator.createSchema(root).definitions ?? {}) as Record<string, Definition>;
    const { [root]: list, ...rest } = definitions;
    for (const [name, definition] of Object.entries(rest)) {
      const component = componentName(name);
      const schema = relink(definition) as Schema;
      // A type both lists use (DeviceKind …) comes twice, alike; two different types of one name do not.
      if (components[component] && JSON.stringify(components[component]) !== JSON.stringify(schema))
        throw new Error(`two types are both named ${component}`);
      components[component] = schema;
    }
    return relink((list as { properties: Record<string, Schema> }).properties) as Record<string, Schema>;
  };
  return { views: entries('ApiViews'), bodies: entries('ApiBodies'), components };
}

/** What @ApiProperty adds to a generated property and the type does not say: words, examples, bounds, formats. */
const ANNOTATIONS = [
  'description',
  'example',
  'default',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
] as const;

/**
 * The generated schema of a body's class, with each field's class-validator bounds and formats (what the
 * ValidationPipe holds it to), and what its @ApiProperty decorators said of it besides (the swagger schema's
 * types are dropped: from design-time metadata, `string | null` became `object`).
 */
function annotated(
  generated: Schema,
  declared: Schema | undefined,
  validation: Record<string, Schema>,
): Schema {
  const properties = generated.properties as Record<string, Schema> | undefined;
  const said = (declared?.properties ?? {}) as Record<string, Schema>;
  if (!properties) return generated;
  return {
    ...generated,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, generatedProperty]) => {
        const property = withValidation(generatedProperty, validation[name] ?? {});
        const extra = Object.fromEntries(
          ANNOTATIONS.filter((key) => said[name]?.[key] !== undefined && property[key] === undefined).map(
            (key) => [key, said[name][key]],
          ),
        );
        return [name, { ...property, ...extra }];
      }),
    ),
  };
}

/** The component a JSON request body refers to (`#/components/schemas/CreateDeviceDto` → CreateDeviceDto). */
function bodyClass(operation: Schema, route: string): string | null {
  const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
    ?.content;
  const ref = content?.['application/json']?.schema?.$ref;
  if (content?.['application/json'] && typeof ref !== 'string')
    throw new Error(`${route}: a JSON body that is not a DTO class`);
  return typeof ref === 'string' ? ref.slice('#/components/schemas/'.length) : null;
}

/**
 * The document: the routes, each @ApiView's schema in its success answer, each JSON body's schema generated from
 * its class, and the types they use among the schemas.
 */
export async function generateDocument(): Promise<OpenAPIObject> {
  const document = await routesDocument();
  const { views, bodies, components } = contractSchemas();
  const used = new Set<string>();
  const read = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Schema][]) {
      const route = `${method.toUpperCase()} ${path}`;
      const body = bodyClass(operation, route);
      if (body !== null) {
        // Swagger names the body by its class; the entry must be that class, under that name.
        if (bodies[body]?.$ref !== `#/components/schemas/${body}`)
          throw new Error(`${route}: its body class ${body} is not in ${BODIES} under its own name`);
        read.add(body);
      }
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
  const unread = Object.keys(bodies).filter((body) => !read.has(body));
  if (unread.length > 0) throw new Error(`request bodies no route reads: ${unread.join(', ')}`);
  // What @nestjs/swagger made of the body classes gives way to their generated schemas, keeping its annotations.
  const schemas = { ...(document.components?.schemas ?? {}) } as Record<string, Schema>;
  for (const name of Object.keys(components)) {
    if (schemas[name] && !read.has(name))
      throw new Error(`a generated type and a schema of @nestjs/swagger are both named ${name}`);
  }
  const classes = new Map(bodyClasses(API_CONTROLLERS).map((cls) => [cls.name, cls]));
  for (const name of read) {
    const cls = classes.get(name);
    if (!cls) throw new Error(`no route reads a class named ${name} with @Body()`);
    components[name] = annotated(components[name], schemas[name], validationKeywords(cls));
    delete schemas[name];
  }
  // The generated schemas are JSON Schema (type: ["string", "null"]), which is OpenAPI 3.1's schema dialect.
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
