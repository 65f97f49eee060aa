import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_CONTROLLERS } from '../api.module';
import { CreateUserDto } from '../users/user.dto';
import { acceptedFields, bodyClasses } from './body-classes';

interface BodySchema {
  readonly properties?: Record<string, Record<string, unknown>>;
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

describe('the request bodies of the OpenAPI document', () => {
  const classes = bodyClasses(API_CONTROLLERS);

  it('describe every class a route reads with @Body() (the spreadsheet upload is a form, not a class)', () => {
    expect(classes.map((cls) => cls.name).sort()).toEqual(documentedBodies());
  });

  it("carries each field's class-validator bounds and formats", () => {
    const { CreateUserDto: user, CreateDeviceDto: device } = document.components.schemas;
    expect(user.properties?.password).toMatchObject({ type: 'string', minLength: 12, maxLength: 256 });
    expect(user.properties?.enterpriseId).toMatchObject({ format: 'uuid' });
    expect(device.properties?.expectedIntervalS).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 86_400,
    });
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
      const { fields, optional } = acceptedFields(cls);
      expect(Object.keys(schema.properties ?? {}).sort()).toEqual(fields);
      expect([...(schema.required ?? [])].sort()).toEqual(fields.filter((f) => !optional.includes(f)));
    },
  );
});
