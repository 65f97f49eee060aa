import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEPARTMENTS, USER_ROLES, type Department, type UserRole } from '@park/auth';
import { USER_SORTS } from '@park/records';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ListQueryDto } from '../records-common/list-query.dto';
import { IsRequired } from '../records-common/is-required';
import { IsSortKey } from '../records-common/sort-keys';

export class UserListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(USER_SORTS)
  declare sort?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 64)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'required for energy managers: the one enterprise they see' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  @ApiPropertyOptional({
    enum: DEPARTMENTS,
    nullable: true,
    description: 'required for staff (园区工作人员), and only for them: their department',
  })
  @IsOptional()
  @IsIn([...DEPARTMENTS, null])
  department?: Department | null;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'a new password (12–256 characters)' })
  @IsOptional()
  @IsString()
  @Length(12, 256)
  password?: string;
}

export class CreateUserDto extends UpdateUserDto {
  @ApiProperty({ example: 'wang.fang' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
    message: 'username must be 2–64 lower-case letters, digits, ".", "_" or "-"',
  })
  username!: string;

  @IsRequired()
  @IsString()
  @Length(1, 64)
  declare displayName: string;

  @IsRequired()
  @IsIn(USER_ROLES)
  declare role: UserRole;

  @IsRequired()
  @IsString()
  @Length(12, 256)
  declare password: string;
}
