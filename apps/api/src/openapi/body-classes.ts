/**
 * The request DTO classes as the ValidationPipe sees them at run time: which class each route's @Body() is, and
 * what class-validator holds each of its fields to. `npm run openapi` adds those bounds to the body schemas it
 * generates from the classes' types (the types say the fields; the decorators say 1–200 characters, at least 0,
 * a UUID); api-bodies.spec.ts holds the document's fields and required lists to the same metadata.
 */
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** One class-validator check of a field (the class is not exported from the package's entry point). */
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/** A DTO class, as the routes' design-time metadata gives it. */
export type DtoClass = abstract new (...args: never[]) => object;

/** Every class a route of these controllers reads with @Body(). */
export function bodyClasses(controllers: readonly DtoClass[]): DtoClass[] {
  const classes = new Set<DtoClass>();
  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, unknown>;
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

/** A class's validation metadata, its own and inherited, as the ValidationPipe applies it. */
function metadataOf(cls: DtoClass): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
}

/** What the ValidationPipe (whitelist, forbidNonWhitelisted) accepts of a class: its fields, and which may be absent. */
export function acceptedFields(cls: DtoClass): { fields: string[]; optional: string[] } {
  const metadata = metadataOf(cls);
  const fields = [...new Set(metadata.map((m) => m.propertyName))].sort();
  // @IsOptional is a conditional validation that skips an absent field; @IsRequired (ValidateIf(() => true)) is
  // one that never skips, so a field is optional when its conditions are all @IsOptional.
  const optional = fields.filter((field) => {
    const conditions = metadata.filter(
      (m) => m.propertyName === field && m.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
    return conditions.length > 0 && conditions.every((m) => m.name === 'isOptional');
  });
  return { fields, optional };
}

type Keywords = Record<string, unknown>;

/** The JSON Schema keywords of one class-validator check on a single value (`each` checks are left out). */
function keywordsOf(m: ValidationMetadata): Keywords {
  const [first, second] = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isLength':
      return typeof second === 'number' ? { minLength: first, maxLength: second } : { minLength: first };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'matches':
      return { pattern: first instanceof RegExp ? first.source : String(first) };
    case 'isUuid':
      return { format: 'uuid' };
    case 'isUrl':
      return { format: 'uri' };
    case 'arrayNotEmpty':
      return { minItems: 1 };
    default:
      return {};
  }
}

/** `number` → `integer` in a property's type, for an @IsInt field. */
function integer(type: unknown): unknown {
  if (type === 'number') return 'integer';
  return Array.isArray(type) ? (type as unknown[]).map((t) => (t === 'number' ? 'integer' : t)) : type;
}

/** Each field's bounds and formats from its class-validator checks, to add to the generated schema's property. */
export function validationKeywords(cls: DtoClass): Record<string, Keywords & { integer?: true }> {
  const out: Record<string, Keywords & { integer?: true }> = {};
  for (const m of metadataOf(cls)) {
    if (m.each || m.type !== ValidationTypes.CUSTOM_VALIDATION) continue;
    const field = (out[m.propertyName] ??= {});
    Object.assign(field, keywordsOf(m));
    if (m.name === 'isInt') field.integer = true;
  }
  return out;
}

/** A generated property with its field's validation keywords (the keywords apply to values of their own type). */
export function withValidation(
  property: Record<string, unknown>,
  keywords: Keywords & { integer?: true },
): Record<string, unknown> {
  const { integer: isInteger, ...rest } = keywords;
  const typed = isInteger && property.type !== undefined ? { type: integer(property.type) } : {};
  return { ...property, ...typed, ...rest };
}
