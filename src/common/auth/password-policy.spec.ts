import { DEMO_PASSWORD, DEMO_USERS } from '../../database/seed/demo-data';
import { BadUserInputError } from '../errors/domain-errors';
import { assertAcceptablePassword, passwordProblem, PasswordRule } from './password-policy';

describe('password policy', () => {
  it.each([
    ['', PasswordRule.LENGTH],
    ['   \t  \n ', PasswordRule.WHITESPACE_ONLY],
    ['elf tekens!', PasswordRule.LENGTH],
    ['   elf tekens   ', PasswordRule.LENGTH],
    ['ëlf-tëkens😀', PasswordRule.LENGTH],
    ['k'.repeat(201), PasswordRule.LENGTH],
    ['zzzzzzzzzzzz', PasswordRule.REPEATED_CHARACTER],
    ['  ************  ', PasswordRule.REPEATED_CHARACTER],
    ['😀😀😀😀😀😀😀😀😀😀😀😀', PasswordRule.REPEATED_CHARACTER],
    ['password1234', PasswordRule.GUESSABLE],
    ['Password1234', PasswordRule.GUESSABLE],
    ['123456789012', PasswordRule.GUESSABLE],
    ['qwertyuiop123', PasswordRule.GUESSABLE],
    ['iloveyou2026', PasswordRule.GUESSABLE],
    ['welkom123456', PasswordRule.GUESSABLE],
    ['abcdefghijklmn', PasswordRule.GUESSABLE],
    ['hunter2hunter2', PasswordRule.GUESSABLE],
    ['stagematch2026', PasswordRule.GUESSABLE],
    ['xxxxxxxxxxxy', PasswordRule.GUESSABLE],
  ])('refuses %j (%s)', (password, rule) => {
    expect(passwordProblem(password)?.rule).toBe(rule);
  });

  it('refuses a password made of her own e-mail address or name', () => {
    expect(passwordProblem('roc-utrecht.demo2026', { email: 'mentor@roc-utrecht.demo' })?.rule).toBe(PasswordRule.GUESSABLE);
    expect(passwordProblem('KarimElAmrani1', { name: 'Karim El Amrani' })?.rule).toBe(PasswordRule.GUESSABLE);
    expect(passwordProblem('Mentor@roc-utrecht.demo', { email: 'mentor@roc-utrecht.demo' })?.rule).toBe(PasswordRule.GUESSABLE);
    expect(passwordProblem('roc-utrecht.demo2026')).toBeNull();
  });

  it.each(['correct horse battery', 'a long mentor password', 'lantaarn-fietsbel-kiwi-42', '  fietsbel-kiwi-lantaarn  '])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('counts 12 to 200 characters (code points, without the spaces at either end)', () => {
    const twelve = 'kiwi-lantaarn'.slice(0, 12);
    expect(passwordProblem(` ${twelve} `)).toBeNull();
    expect(passwordProblem(` ${twelve.slice(0, 11)} `)?.rule).toBe(PasswordRule.LENGTH);
    const long = 'tulp-fiets-molen-kaas-'.repeat(10).slice(0, 200);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(`${long}!`)?.rule).toBe(PasswordRule.LENGTH);
  });

  it('accepts the demo password for every demo user (the seed checks it too)', () => {
    for (const user of Object.values(DEMO_USERS)) expect(passwordProblem(DEMO_PASSWORD, user)).toBeNull();
  });

  it('throws BAD_USER_INPUT naming the path and the rule', () => {
    expect(() => assertAcceptablePassword('aaaaaaaaaaaaaaaa', 'input.password')).toThrow(BadUserInputError);
    try {
      assertAcceptablePassword('aaaaaaaaaaaaaaaa', 'input.password');
    } catch (error) {
      expect((error as BadUserInputError).fields).toEqual([
        { path: 'input.password', rule: PasswordRule.REPEATED_CHARACTER, message: 'password must not be one character repeated' },
      ]);
    }
  });
});
