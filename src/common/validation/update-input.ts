import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/graphql';
import { ValidateIf } from 'class-validator';

/*
 * What `null` means in an update input, everywhere (README, API conventions): a field left out
 * keeps its value; `null` clears a field only where the create input accepts null too (a
 * trainer, a phone number, a date not reached yet); anywhere else `null` is BAD_USER_INPUT
 * ("must not be null; leave the field out to keep its value").
 */

/** The update input of a create input: every field may be left out; null only where the create input allows it. */
export function UpdateInputOf<T>(createInput: Type<T>): Type<Partial<T>> {
  return PartialType(createInput, { skipNullProperties: false });
}

/** A field of a hand-written update input that may be left out but not set to null. */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
