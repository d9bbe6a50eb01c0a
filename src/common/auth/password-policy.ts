import { applyDecorators } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { type ValidationArguments, ValidateBy } from 'class-validator';
import { BadUserInputError } from '../errors/domain-errors';

/**
 * The one password policy: every place a password is set (accepting an invitation, a reset, a
 * change, the demo seed) goes through `IsAcceptablePassword`
 * or `assertAcceptablePassword`. Refusals name the field and one of these rules.
 */
export enum PasswordRule {
  LENGTH = 'PASSWORD_LENGTH',
  WHITESPACE_ONLY = 'PASSWORD_WHITESPACE_ONLY',
  REPEATED_CHARACTER = 'PASSWORD_REPEATED_CHARACTER',
  GUESSABLE = 'PASSWORD_GUESSABLE',
}

export const PASSWORD_MIN_LENGTH = 12;
/** Hashing and the strength estimate cost grow with the length; nobody needs more. */
export const PASSWORD_MAX_LENGTH = 200;
/**
 * zxcvbn's score 3 ("safely unguessable": at least 10^8 guesses) or better. It refuses the
 * 49,000 common passwords @zxcvbn-ts/language-common ships, and also their variants (l33t,
 * reversed, a year or digits appended), keyboard walks, sequences and repeats.
 */
export const PASSWORD_MIN_SCORE = 3;

/** The policy in the API's words, on every password argument. */
export const PASSWORD_POLICY =
  'At least 12 characters not counting spaces at either end (at most 200), not one character repeated, and not easy to guess: common passwords, their variants and simple patterns are refused';

/** Who the password is for: her own e-mail and name make a password easy to guess. */
export interface PasswordOwner {
  email?: string;
  name?: string;
}

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use: the dictionaries take about 150 ms to load and 24 MB of heap, which a worker
 * (or an API that never sets a password) should not carry.
 */
function strengthEstimator(): ZxcvbnFactory {
  if (estimator) return estimator;
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  estimator = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Her e-mail address, its two halves, her name with and without spaces, and their words. */
function ownerWords(owner: PasswordOwner): string[] {
  const email = owner.email?.trim().toLowerCase() ?? '';
  const name = owner.name?.trim().toLowerCase() ?? '';
  const whole = [email, ...email.split('@'), name, name.replace(/\s+/g, '')];
  const words = [email, name].flatMap((text) => text.split(/[\s@.+_-]+/));
  return ['stagematch', ...new Set([...whole, ...words].filter((word) => word.length >= 3))];
}

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): PasswordProblem | null {
  const trimmed = password.trim();
  const characters = [...trimmed];
  if (password.length > 0 && characters.length === 0) {
    return { rule: PasswordRule.WHITESPACE_ONLY, message: 'password must not be only spaces' };
  }
  if (characters.length < PASSWORD_MIN_LENGTH) {
    return { rule: PasswordRule.LENGTH, message: `password must be at least ${PASSWORD_MIN_LENGTH} characters, not counting spaces at either end` };
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    return { rule: PasswordRule.LENGTH, message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (characters.every((character) => character === characters[0])) {
    return { rule: PasswordRule.REPEATED_CHARACTER, message: 'password must not be one character repeated' };
  }
  const estimate = strengthEstimator().check(trimmed, ownerWords(owner));
  if (estimate.score < PASSWORD_MIN_SCORE) {
    const why = estimate.feedback.warning ?? 'it is a common password or a simple pattern';
    return { rule: PasswordRule.GUESSABLE, message: `password is too easy to guess (${why.replace(/\.$/, '')}); use a few uncommon words` };
  }
  return null;
}

/** For passwords set outside a validated input (the demo seed): throws BAD_USER_INPUT on `path`. */
export function assertAcceptablePassword(password: string, path: string, owner: PasswordOwner = {}): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw BadUserInputError.field(path, problem.message, problem.rule);
}

/** One evaluation per validated object, shared by the four constraints below. */
const evaluations = new WeakMap<object, { password: string; problem: PasswordProblem | null }>();

function problemOf(args: ValidationArguments): PasswordProblem | null {
  const password = args.value as string;
  const cached = evaluations.get(args.object);
  if (cached?.password === password) return cached.problem;
  const input = args.object as PasswordOwner;
  const problem = passwordProblem(password, {
    email: typeof input.email === 'string' ? input.email : undefined,
    name: typeof input.name === 'string' ? input.name : undefined,
  });
  evaluations.set(args.object, { password, problem });
  return problem;
}

/** One constraint per rule, so that the field problem carries its rule id; each reports only the first broken rule. */
const ruleConstraint = (rule: PasswordRule) =>
  ValidateBy(
    {
      name: rule,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'string' || problemOf(args!)?.rule !== rule,
        defaultMessage: (args?: ValidationArguments) => problemOf(args!)?.message ?? 'password is not acceptable',
      },
    },
    { context: { rule } },
  );

/** The password policy on an input field named `password`; the input's `email` and `name` count as easy guesses. */
export const IsAcceptablePassword = () => applyDecorators(...Object.values(PasswordRule).map(ruleConstraint));
