import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { IsCrebo, IsLocalDate } from '../../../common/validation/domain-validators';
import { Sector } from '../../organizations/sector';
import { WERKPROCES_CODE } from '../register-check';

export const KERNTAAK_CODE = /^[BP]\d{1,2}-K\d{1,2}$/i;

@InputType({ description: 'A werkproces of a kerntaak: its code (B1-K1-W1) and title' })
export class WerkprocesInput {
  @Field({ description: 'B1-K1-W1 (basisdeel) or P1-K1-W1 (profieldeel); begins with its kerntaak code' })
  @Matches(WERKPROCES_CODE, { message: 'code must be a werkproces code such as B1-K1-W1 (R4)', context: { rule: 'R4' } })
  code: string;

  @Field()
  @IsString()
  @Length(1, 300)
  title: string;
}

@InputType({ description: 'A kerntaak of a dossier: its code (B1-K1), title and werkprocessen' })
export class KerntaakInput {
  @Field({ description: 'B1-K1 or P1-K1' })
  @Matches(KERNTAAK_CODE, { message: 'code must be a kerntaak code such as B1-K1 (R4)', context: { rule: 'R4' } })
  code: string;

  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field(() => [WerkprocesInput])
  @ArrayMinSize(1, { message: 'a kerntaak has at least one werkproces' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WerkprocesInput)
  werkprocessen: WerkprocesInput[];
}

@InputType({
  description:
    'One version of a kwalificatiedossier (R4). A version is its crebo and validFrom: saving one that exists replaces it (its kerntaken too); versions of one crebo may not overlap',
})
export class QualificationDossierInput {
  @Field({ description: 'Crebo, 5 digits (R4)' })
  @IsCrebo()
  crebo: string;

  @Field()
  @IsString()
  @Length(1, 300)
  name: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector: Sector;

  @Field(() => [Int], { description: 'The MBO levels the dossier has (1–4)' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([1, 2, 3, 4], { each: true, message: 'levels must be 1, 2, 3 or 4 (R4)', context: { rule: 'R4' } })
  levels: number[];

  @Field(() => [Leerweg])
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Leerweg, { each: true })
  leerwegen: Leerweg[];

  @Field(() => LocalDateScalar)
  @IsLocalDate()
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the version is valid; none: open-ended' })
  @IsOptional()
  @IsLocalDate()
  validUntil?: string | null;

  @Field(() => [KerntaakInput])
  @ArrayMinSize(1, { message: 'a dossier has at least one kerntaak' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => KerntaakInput)
  kerntaken: KerntaakInput[];
}

@InputType()
export class QualificationDossierFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsCrebo()
  crebo?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only versions valid on this day' })
  @IsOptional()
  @IsLocalDate()
  validOn?: string;

  @Field({ nullable: true, description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name?: string;
}

@ArgsType()
export class QualificationDossiersArgs extends ConnectionArgs {
  @Field(() => QualificationDossierFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationDossierFilter)
  filter?: QualificationDossierFilter;
}
