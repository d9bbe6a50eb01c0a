import { Field, InputType } from '@nestjs/graphql';
import { ArrayMinSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { IsLocalDate } from '../../../common/validation/domain-validators';
import { ContactParticipant, ContactType } from '../contact-moment.entity';

@InputType()
export class LogContactMomentInput {
  @Field(() => LocalDateScalar)
  @IsLocalDate()
  date: string;

  @Field(() => ContactType)
  @IsEnum(ContactType)
  type: ContactType;

  @Field({ description: 'At the workplace (R17: at least one per period)' })
  @IsBoolean()
  onSite: boolean;

  @Field(() => [ContactParticipant])
  @IsEnum(ContactParticipant, { each: true })
  @ArrayMinSize(2, { message: 'a contact moment has at least two participants' })
  participants: ContactParticipant[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
