import { Controller, Get, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';

/**
 * Where the OpenAPI document comes from: createApi hands it a factory once the app exists (the committed document,
 * generated from the routes by `npm run openapi`), or none when API_DOCS=off. Read on first request and kept.
 */
@Injectable()
export class OpenApiDocumentSource {
  private factory: (() => OpenAPIObject) | null = null;
  private built: OpenAPIObject | null = null;

  use(factory: () => OpenAPIObject): void {
    this.factory = factory;
    this.built = null;
  }

  document(): OpenAPIObject | null {
    if (!this.factory) return null;
    this.built ??= this.factory();
    return this.built;
  }
}

/**
 * The OpenAPI document, for signed-in staff only: it maps every route and its parameters, which nobody outside
 * needs (docs/security-http.md, "API docs"). A wall display's session may not read it. The Swagger UI page at
 * /api/docs (apps/api/src/openapi/openapi.ts) fetches it with the web session's token.
 */
@ApiTags('docs')
@ApiBearerAuth()
@Controller('api')
export class OpenApiController {
  constructor(@Inject(OpenApiDocumentSource) private readonly source: OpenApiDocumentSource) {}

  @Roles('admin', 'officer', 'energy-manager', 'operator', 'staff')
  @Get('docs-json')
  @ApiOkResponse({ description: 'this OpenAPI document', schema: { type: 'object' } })
  document(): OpenAPIObject {
    const document = this.source.document();
    if (!document) throw new NotFoundException('the API documentation is switched off (API_DOCS=off)');
    return document;
  }
}
