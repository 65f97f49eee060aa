import { ValidateIf } from 'class-validator';

/**
 * A field that the parent DTO leaves optional and this one requires (`CreateUserDto extends UpdateUserDto`).
 * class-validator keeps an inherited @IsOptional unless the subclass gives the property a conditional validation
 * of its own, so re-declaring the field with @IsString() alone still let a body leave it out: POST /api/users
 * without a password, role or display name passed validation and reached the service. `ValidateIf(() => true)`
 * is that conditional, and it always validates.
 */
export const IsRequired = (): PropertyDecorator => ValidateIf(() => true);
