import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { Sector } from '../../organizations/sector';

@ObjectType('Werkproces', { description: 'A werkproces of a kerntaak (R4: placements, students and POKs name werkprocessen by these codes)' })
export class WerkprocesModel {
  @Field({ description: 'B1-K1-W1' })
  code: string;

  @Field()
  title: string;
}

@ObjectType('Kerntaak')
export class KerntaakModel {
  @Field({ description: 'B1-K1' })
  code: string;

  @Field()
  title: string;

  @Field(() => [WerkprocesModel])
  werkprocessen: WerkprocesModel[];
}

@ObjectType('QualificationDossier', { implements: () => [NodeInterface], description: 'One version of a kwalificatiedossier in SBB\'s register (R4)' })
export class QualificationDossierModel {
  @Field(() => ID)
  id: string;

  @Field()
  crebo: string;

  @Field()
  name: string;

  @Field(() => Sector)
  sector: Sector;

  @Field(() => [Int])
  levels: number[];

  @Field(() => [Leerweg])
  leerwegen: Leerweg[];

  @Field(() => LocalDateScalar)
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last valid day; null: open-ended' })
  validUntil: string | null;

  @Field({ description: 'Demo data (the demo seed), not SBB\'s register' })
  demo: boolean;

  @Field(() => [KerntaakModel])
  kerntaken: KerntaakModel[];
}

export const QualificationDossierConnection = ConnectionType(QualificationDossierModel);
