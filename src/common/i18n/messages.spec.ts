import { languageOfAcceptLanguage, responseLanguage } from './language';
import { translate, translateError } from './messages';

describe('message catalog (issue #19)', () => {
  it('keeps English as written, and translates known messages to Dutch, captures and rule ids kept', () => {
    expect(translate('Sign in first', 'en')).toBe('Sign in first');
    expect(translate('Sign in first', 'nl')).toBe('Meld u eerst aan');
    expect(translate('level must be 1, 2, 3 or 4 (R4)', 'nl')).toBe('level moet 1, 2, 3 of 4 zijn (R4)');
    expect(translate('rating must be 1 to 10 (R19)', 'nl')).toBe('rating moet 1 tot en met 10 zijn (R19)');
    expect(translate('first must be between 1 and 100', 'nl')).toBe('first moet tussen 1 en 100 liggen');
    expect(translate('contactsPerPeriod must be at least 3 (R17)', 'nl')).toBe('contactsPerPeriod moet minstens 3 zijn (R17)');
    expect(translate('radiusKm must be at most 200', 'nl')).toBe('radiusKm mag hoogstens 200 zijn');
    expect(translate('Placement was not found', 'nl')).toBe('Stageplaats niet gevonden');
    expect(translate('no student with this id', 'nl')).toBe('geen student met deze id');
    expect(translate('Too many attempts; try again in 30 seconds', 'nl')).toBe('Te veel pogingen; probeer het over 30 seconden opnieuw');
    expect(translate('Variable "$id" of required type "ID!" was not provided.', 'nl')).toBe('Variabele "$id" van het verplichte type "ID!" ontbreekt.');
  });

  it('translates rule messages of result types: a rejection and its findings, an ineligible list', () => {
    expect(
      translate(
        'This placement breaks Stagepact rules R1, R15: The branch has no accreditation for crebo 25655 valid on 2027-02-01; ask SBB for one or remove the crebo; The stipend must be at least €320.00 a month at 32 h a week (€400.00 at 40 h, pro rata)',
        'nl',
      ),
    ).toBe(
      'Deze stageplaats breekt Stagepact-regel(s) R1, R15: De vestiging heeft geen erkenning voor crebo 25655 die geldig is op 2027-02-01; vraag er een aan bij SBB of verwijder de crebo; De stagevergoeding moet minstens €320.00 per maand zijn bij 32 uur per week (€400.00 bij 40 uur, naar rato)',
    );
    expect(translate('2 placements cannot be matched to this student: #1 the placement has no free seat; #3 the placement is not published', 'nl')).toBe(
      '2 stageplaats(en) kunnen niet aan deze student gekoppeld worden: #1 de stageplaats heeft geen vrije plek; #3 de stageplaats is niet gepubliceerd',
    );
    expect(translate('The praktijkopleider already guides 3 students; at most 3 at a time', 'nl')).toBe('De praktijkopleider begeleidt al 3 studenten; hoogstens 3 tegelijk');
  });

  it('sends a message the catalog does not know in English rather than nothing', () => {
    expect(translate('something new and unlisted', 'nl')).toBe('something new and unlisted');
  });

  it('translates an error message and its fields, leaving code, paths and rule ids as they are', () => {
    const error = {
      message: 'input.level: level must be 1, 2, 3 or 4 (R4); input.radiusKm: radiusKm must be at most 200',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.level', message: 'level must be 1, 2, 3 or 4 (R4)', rule: 'R4' }, { path: 'input.radiusKm', message: 'radiusKm must be at most 200' }] },
    };
    expect(translateError(error, 'nl')).toEqual({
      message: 'input.level: level moet 1, 2, 3 of 4 zijn (R4); input.radiusKm: radiusKm mag hoogstens 200 zijn',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.level', message: 'level moet 1, 2, 3 of 4 zijn (R4)', rule: 'R4' }, { path: 'input.radiusKm', message: 'radiusKm mag hoogstens 200 zijn' }] },
    });
    expect(translateError(error, 'en')).toBe(error);
  });

  it('speaks the user’s own language, else what Accept-Language asks, else English', () => {
    expect(responseLanguage('nl', 'en')).toBe('nl');
    expect(responseLanguage('en', 'nl')).toBe('en');
    expect(responseLanguage(null, 'nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(responseLanguage(null, 'de, en;q=0.5, nl;q=0.4')).toBe('en');
    expect(responseLanguage(undefined, undefined)).toBe('en');
    expect(languageOfAcceptLanguage('fr, de')).toBeUndefined();
    expect(languageOfAcceptLanguage('nl;q=0, en')).toBe('en');
  });
});
