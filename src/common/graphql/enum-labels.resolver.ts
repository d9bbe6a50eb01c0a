import { Args, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/allow.decorator';
import { BadUserInputError } from '../errors/domain-errors';
import { ENUM_CATALOG } from './enum-catalog';

@ObjectType({ description: 'The Dutch label of one enum value, for a UI to show instead of the value itself' })
export class EnumValueLabel {
  @Field({ description: 'The enum type, e.g. PlacementStatus' })
  enum: string;

  @Field({ description: 'The value as the API sends it, e.g. PUBLISHED' })
  value: string;

  @Field({ description: 'The Dutch label, e.g. "Gepubliceerd"' })
  nl: string;

  @Field(() => String, { nullable: true, description: 'What the value means, in English (as in the schema)' })
  description: string | null;
}

/** `enumLabels`: the Dutch labels of enum values (enum-catalog.ts), for any caller, signed in or not. */
@Resolver()
export class EnumLabelsResolver {
  @Public()
  @Query(() => [EnumValueLabel], {
    description: 'Dutch labels of the enum values, for UIs (every enum, or only those named), in schema order of enums and values; no sign-in needed',
  })
  enumLabels(
    @Args('enums', { type: () => [String], nullable: true, description: 'Enum type names, e.g. ["PlacementStatus", "Leerweg"]; all enums when left out' })
    enums?: string[] | null,
  ): EnumValueLabel[] {
    const names = enums ?? Object.keys(ENUM_CATALOG);
    const unknown = names.findIndex((name) => !Object.hasOwn(ENUM_CATALOG, name));
    if (unknown >= 0) throw BadUserInputError.field(`enums.${unknown}`, 'not an enum of this API');
    return names.flatMap((name) =>
      Object.entries(ENUM_CATALOG[name]).map(([value, [description, nl]]) => ({ enum: name, value, nl, description })),
    );
  }
}
