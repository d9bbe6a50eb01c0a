import { Field, InputType } from '@nestjs/graphql';
import { Equals, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { Gender, MigrationBackground } from '../protected-attributes.entity';

@InputType({ description: 'R24: self-reported by the student, each answer optional' })
export class ProtectedAttributesInput {
  @Field({ description: 'The student consents to storing these answers for the anonymous audit only' })
  @IsBoolean()
  @Equals(true, { message: 'the student must consent before anything is stored (R24)', context: { rule: 'R24' } })
  consent: boolean;

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  consentGivenOn: string;

  @Field(() => MigrationBackground, { nullable: true })
  @IsOptional()
  @IsEnum(MigrationBackground)
  migrationBackground?: MigrationBackground;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender;

  @Field({ nullable: true, description: 'Another ground she wants counted, in her words' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  otherGround?: string;
}
