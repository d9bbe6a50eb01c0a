import { getMetadataStorage, IsInt, IsString, Length, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

class Person {
  @IsString()
  name!: unknown;

  @Length(2, 2, { groups: ['strict'] })
  initials!: unknown;
}

class Employee extends Person {
  @IsInt()
  number!: unknown;
}

const make = <T extends object>(type: new () => T, values: Record<string, unknown>) => Object.assign(new type(), values);
const failing = (object: object, groups?: string[]) =>
  validateSync(object, groups ? { groups } : {})
    .map((error) => error.property)
    .sort();

describe('cached validation metadata', () => {
  it('finds a class’s rules once and hands back the same list afterwards', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Employee, '', false, false);
    expect(storage.getTargetValidationMetadatas(Employee, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
  });

  it('still applies a class’s own and inherited rules, whichever class was validated first', () => {
    const bad = { name: 7, number: 'x', initials: 'ab' };
    expect(failing(make(Person, bad))).toEqual(['name']);
    expect(failing(make(Employee, bad))).toEqual(['name', 'number']);
    expect(failing(make(Person, bad))).toEqual(['name']);

    // A class defined after its ancestor has been validated still gets the ancestor's rules.
    class Manager extends Employee {
      @IsString()
      team!: unknown;
    }
    expect(failing(make(Manager, { ...bad, team: 1 }))).toEqual(['name', 'number', 'team']);
    expect(failing(make(Employee, bad))).toEqual(['name', 'number']);
  });

  it('keeps the answer per set of groups: a group’s rule with no groups asked or with its own, not with another', () => {
    const bad = { name: 'Ada', number: 1, initials: 'abc' };
    expect(failing(make(Employee, bad))).toEqual(['initials']);
    expect(failing(make(Employee, bad), ['other'])).toEqual([]);
    expect(failing(make(Employee, bad), ['strict'])).toEqual(['initials']);
    expect(failing(make(Employee, bad), ['other'])).toEqual([]);
  });
});
