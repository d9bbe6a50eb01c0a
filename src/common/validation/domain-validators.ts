import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, Matches, Max, MaxLength, Min } from 'class-validator';

/** R4: a crebo (erkende opleidingscode) is exactly five digits. */
export const CREBO_PATTERN = /^\d{5}$/;
export const IsCrebo = (options: { each?: boolean } = {}) =>
  Matches(CREBO_PATTERN, { message: '$property must be exactly 5 digits (R4)', context: { rule: 'R4' }, ...options });

/** R4: MBO levels 1 (Entree) to 4. */
export const IsMboLevel = () =>
  applyDecorators(
    IsInt({ message: 'level must be a whole number', context: { rule: 'R4' } }),
    IsIn([1, 2, 3, 4], { message: 'level must be 1, 2, 3 or 4 (R4)', context: { rule: 'R4' } }),
  );

/** A Dutch 4-digit postcode (PC4); it must also exist in the PC4 table, which the services check. */
export const IsPc4 = () => Matches(/^[1-9]\d{3}$/, { message: 'postcode must be a 4-digit Dutch postcode (PC4)' });

/** A travel radius between 1 and 200 km. */
export const IsRadiusKm = () =>
  applyDecorators(
    IsInt({ message: 'radiusKm must be a whole number of kilometres' }),
    Min(1, { message: 'radiusKm must be greater than 0' }),
    Max(200, { message: 'radiusKm must be at most 200' }),
  );

export const IsShortText = (max = 200) => MaxLength(max, { message: `$property must be at most ${max} characters` });

/** A `LocalDate` argument; the scalar has parsed it, this marks it as an allowed property. */
export const IsLocalDate = () => Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' });
