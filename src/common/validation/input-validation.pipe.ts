import { type ArgumentMetadata, Injectable, type PipeTransform, type ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '../errors/domain-errors';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

/** Reads the rule id attached to a constraint with `context: { rule: 'R4' }`. */
function ruleOf(error: ValidationError, constraint: string): string | undefined {
  const context = error.contexts?.[constraint] as { rule?: string } | undefined;
  return context?.rule;
}

/** A null that reached the validators: the field is not optional-with-null (see `update-input.ts`). */
const NOT_NULL = 'must not be null; leave the field out to keep its value';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.value === null && error.constraints) return [{ path, message: NOT_NULL }];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message,
      ...(ruleOf(error, constraint) ? { rule: ruleOf(error, constraint) } : {}),
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * The global validation pipe: every argument DTO is validated with class-validator, unknown
 * properties are refused, and a failure is one `BAD_USER_INPUT` error listing every field path
 * (prefixed with the argument name, e.g. `input.crebo`) and, where a Stagepact rule applies, its id.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    // The value is read only to tell a null apart (`flatten`); no message repeats it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new BadUserInputError(flatten(errors, '')),
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // A custom parameter (@CurrentActor, @Parent, @Loader) is no client input, and ValidationPipe
    // leaves it as it is (validateCustomDecorators off); said here without its two awaits, as a
    // page's field resolvers take some 150 such parameters.
    if (metadata.type === 'custom') return value;
    return this.validate(value, metadata);
  }

  private async validate(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await this.validation.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadUserInputError && metadata.data) {
        throw new BadUserInputError(error.fields.map((field) => ({ ...field, path: `${metadata.data}.${field.path}` })));
      }
      throw error;
    }
  }
}
