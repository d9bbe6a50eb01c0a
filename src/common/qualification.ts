import { registerEnumType } from '@nestjs/graphql';

/** R4: the two learning routes. BOL is school-based with a stage; BBL works under an employment contract. */
export enum Leerweg {
  BOL = 'BOL',
  BBL = 'BBL',
}
registerEnumType(Leerweg, { name: 'Leerweg', description: 'BOL (school-based, stage) or BBL (work-based, employment contract)' });
