import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationTypes } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_CONTROLLERS } from '../api.module';
import { CreateUserDto } from '../users/user.dto';

/** A DTO class, as the routes' design-time metadata gives it. */
type DtoClass = abstract new (...args: never[]) => object;

interface BodySchema {
  readonly properties?: Record<string, unknown>;
  readonly required?: readonly string[];
}

interface Document {
  readonly paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>
  >;
  readonly components: { readonly schemas: Record<string, BodySchema> };
}

/** The committed document: what the web app is typed by (`npm test` holds it to the code). */
const document = JSON.parse(readFileSync(join(__dirname, 'openapi.json'), 'utf8')) as Document;

/** Every class a route reads with @Body(), from the routes themselves. */
function bodyClasses(): DtoClass[] {
  const classes = new Set<DtoClass>();
  for (const controller of API_CONTROLLERS) {
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || typeof proto[name] !== 'function') continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
        string,
        { index: number }
      >;
      const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as DtoClass[];
      for (const [key, arg] of Object.entries(args))
        if (key.startsWith(`${RouteParamtypes.BODY}:`) && types[arg.index]) classes.add(types[arg.index]);
    }
  }
  return [...classes];
}

/** The JSON bodies the document describes, by their schema's name. */
function documentedBodies(): string[] {
  const names = new Set<string>();
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item)) {
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      if (ref) names.add(ref.replace('#/components/schemas/', ''));
    }
  return [...names].sort();
}

/** What the ValidationPipe (whitelist, forbidNonWhitelisted) accepts of a class: its fields, and which may be left out. */
function accepted(cls: DtoClass): { fields: string[]; optional: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const fields = [...new Set(metadata.map((m) => m.propertyName))].sort();
  // @IsOptional is a conditional validation that skips an absent field; @IsRequired (ValidateIf(() => true)) is one
  // that never skips, so a field is optional when its conditions are all @IsOptional.
  const optional = fields.filter((field) => {
    const conditions = metadata.filter(
      (m) => m.propertyName === field && m.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
    return conditions.length > 0 && conditions.every((m) => m.name === 'isOptional');
  });
  return { fields, optional };
}

describe('the request bodies of the OpenAPI document', () => {
  const classes = bodyClasses();

  it('describe every class a route reads with @Body() (the spreadsheet upload is a form, not a class)', () => {
    expect(classes.map((cls) => cls.name).sort()).toEqual(documentedBodies());
  });

  it('refuses a new user without the fields UpdateUserDto leaves optional (an inherited @IsOptional let them pass)', () => {
    const body = plainToInstance(CreateUserDto, { username: 'wang.fang' });
    const refused = validateSync(body, { whitelist: true, forbidNonWhitelisted: true }).map(
      (e) => e.property,
    );
    expect(refused.sort()).toEqual(['displayName', 'password', 'role']);
  });

  it.each(classes.map((cls) => [cls.name, cls] as const))(
    '%s: names the fields the ValidationPipe accepts, and requires those it requires',
    (name, cls) => {
      const schema = document.components.schemas[name];
      const { fields, optional } = accepted(cls);
      expect(Object.keys(schema.properties ?? {}).sort()).toEqual(fields);
      expect([...(schema.required ?? [])].sort()).toEqual(fields.filter((f) => !optional.includes(f)));
    },
  );
});
