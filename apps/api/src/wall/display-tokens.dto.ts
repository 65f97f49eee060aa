/** The display-token routes' bodies: naming a new token, and a wall trading its token for a session. */
import { IsString, Length } from 'class-validator';

export class CreateDisplayTokenDto {
  @IsString()
  @Length(1, 100)
  name!: string;
}

export class ExchangeDisplayTokenDto {
  @IsString()
  @Length(1, 200)
  token!: string;
}
