import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Express, Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OpenApiDocumentSource } from './openapi.controller';

/**
 * The REST routes as the app declares them: paths, parameters, request bodies, each route's @ApiView name.
 * `npm run openapi` (scripts/openapi.ts) turns it into the committed document by adding the views' schemas.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('智慧园区监测平台 API')
    .setDescription(
      'Records (一企一档 / 一地一档), carriers, devices, users, alerts and the plan’s analytics. Every route but login and health needs a bearer token (POST /api/auth/login); the signed alert links of notification messages (/api/alert-links/{token}) carry their own credential in the path.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * The committed OpenAPI document (openapi.json beside this file), which `npm run openapi` generates from the
 * routes and their views and `npm test` holds to the code. Read once, on the first request for it.
 */
export function committedOpenApiDocument(): OpenAPIObject {
  return JSON.parse(readFileSync(join(__dirname, 'openapi.json'), 'utf8')) as OpenAPIObject;
}

/** The web app's sessionStorage key for the signed-in session (apps/web/src/session/session.ts). */
const WEB_SESSION_KEY = 'park.session';

/**
 * The Swagger UI page at /api/docs. It is only a shell — swagger-ui-dist's script and stylesheet and a few
 * lines that start it — and holds nothing of the API: it fetches the document from GET /api/docs-json (signed-in
 * staff only, OpenApiController) with the token of the web app's session in this tab, and sends that token
 * with every "Try it out" request. No inline script or style, so it runs under the app's CSP.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>智慧园区监测平台 API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<p id="no-session" hidden>请先在本标签页登录智慧园区监测平台，再打开 API 文档。Sign in to the platform in this tab first, then open the API docs.</p>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;

const START = `(function () {
  var token = null;
  try {
    var session = JSON.parse(window.sessionStorage.getItem(${JSON.stringify(WEB_SESSION_KEY)}) || 'null');
    token = session && typeof session.token === 'string' ? session.token : null;
  } catch (e) {
    token = null;
  }
  if (!token) document.getElementById('no-session').hidden = false;
  window.ui = SwaggerUIBundle({
    url: '/api/docs-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: function (request) {
      if (token && !request.headers.Authorization) request.headers.Authorization = 'Bearer ' + token;
      return request;
    },
  });
})();
`;

/**
 * Serves the docs: the document to signed-in staff (OpenApiController, through the same guard as every route),
 * and the UI shell above to anyone. With API_DOCS=off, neither.
 */
export function serveOpenApi(app: NestExpressApplication, enabled: boolean): void {
  if (!enabled) return;
  app.get(OpenApiDocumentSource).use(committedOpenApiDocument);
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  const http: Express = app.getHttpAdapter().getInstance();
  const send = (res: Response, type: string, body: string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    res.send(body);
  };
  http.get('/api/docs', (_req, res) => send(res, 'text/html; charset=utf-8', PAGE));
  http.get('/api/docs/start.js', (_req, res) => send(res, 'text/javascript; charset=utf-8', START));
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    http.get(`/api/docs/${file}`, (_req, res) => res.sendFile(join(assets, file)));
  }
}
