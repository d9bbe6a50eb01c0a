/** The languages the API speaks: Dutch (the users' own) and English. */
export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** The first of our languages an Accept-Language header asks for, by q then order (`nl-NL` counts as `nl`). */
export function languageOfAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      return { primary: tag.trim().split('-')[0], q: q === undefined ? 1 : Number(q.slice(2)) || 0, order };
    })
    .filter((entry) => entry.q > 0 && (LANGUAGES as readonly string[]).includes(entry.primary))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.primary as Language | undefined;
}

/**
 * The language of a response's messages (issue #19): the signed-in user's own setting (`User.language`,
 * also the language of her e-mails), else the request's Accept-Language, else English.
 */
export function responseLanguage(userLanguage: string | null | undefined, acceptLanguage: string | undefined): Language {
  if (userLanguage === 'nl' || userLanguage === 'en') return userLanguage;
  return languageOfAcceptLanguage(acceptLanguage) ?? 'en';
}
