import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '../errors/domain-errors';

/** Reads the rule id attached to a constraint with `context: { rule: 'R4' }`. */
function ruleOf(error: ValidationError, constraint: string): string | undefined {
  const context = error.contexts?.[constraint] as { rule?: string } | undefined;
  return context?.rule;
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
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
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new BadUserInputError(flatten(errors, '')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadUserInputError && metadata.data) {
        throw new BadUserInputError(error.fields.map((field) => ({ ...field, path: `${metadata.data}.${field.path}` })));
      }
      throw error;
    }
  }
}
