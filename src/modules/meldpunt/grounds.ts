import type { Language } from '../organizations/user.entity';

/** How a discrimination ground (AWGB art. 1) reads in a message. Keyed by `DiscriminationGround`. */
export const GROUND_LABELS: Record<string, Record<Language, string>> = {
  RACE_OR_ORIGIN: { nl: 'ras of afkomst', en: 'race or origin' },
  NATIONALITY: { nl: 'nationaliteit', en: 'nationality' },
  RELIGION_OR_BELIEF: { nl: 'godsdienst of levensovertuiging', en: 'religion or belief' },
  GENDER: { nl: 'geslacht', en: 'gender' },
  SEXUAL_ORIENTATION: { nl: 'seksuele gerichtheid', en: 'sexual orientation' },
  DISABILITY_OR_CHRONIC_ILLNESS: { nl: 'handicap of chronische ziekte', en: 'disability or chronic illness' },
  AGE: { nl: 'leeftijd', en: 'age' },
  MARITAL_STATUS: { nl: 'burgerlijke staat', en: 'marital status' },
  POLITICAL_OPINION: { nl: 'politieke gezindheid', en: 'political opinion' },
  OTHER: { nl: 'een andere grond', en: 'another ground' },
};
