import { type Actor, OrganizationType } from '../../common/auth/roles';
import { PlacementStatus } from '../placements/placement.entity';
import { PlacementsPolicy } from '../placements/placements.policy';
import { CompaniesPolicy, seesCompanyInternals } from './companies.policy';

const actor = (organizationType: OrganizationType, organizationId = 'org-1') => ({ organizationType, organizationId }) as Actor;

describe("who sees a company's internals (companies.policy.ts, the one definition)", () => {
  it.each([
    ['the company itself', actor(OrganizationType.COMPANY, 'company-1'), true],
    ['another company', actor(OrganizationType.COMPANY, 'company-2'), false],
    ['a school', actor(OrganizationType.SCHOOL, 'school-1'), false],
    ['SBB', actor(OrganizationType.SBB), true],
    ['the operator', actor(OrganizationType.PLATFORM), true],
  ])('%s: %s', (_who, who, sees) => {
    expect(seesCompanyInternals(who, 'company-1')).toBe(sees);
    expect(CompaniesPolicy.seesAddress(who, { companyId: 'company-1', addressHidden: true })).toBe(sees);
    expect(CompaniesPolicy.seesAddress(who, { companyId: 'company-1', addressHidden: false })).toBe(true);
    expect(PlacementsPolicy.sees(who, { companyId: 'company-1', status: PlacementStatus.DRAFT })).toBe(sees);
    expect(PlacementsPolicy.sees(who, { companyId: 'company-1', status: PlacementStatus.PUBLISHED })).toBe(true);
  });

  it('scopes refusals: a company to its own, FORBIDDEN when it names another; SBB as asked', () => {
    expect(CompaniesPolicy.refusalsScope(actor(OrganizationType.COMPANY, 'company-1'), undefined)).toBe('company-1');
    expect(() => CompaniesPolicy.refusalsScope(actor(OrganizationType.COMPANY, 'company-1'), 'company-2')).toThrow('own refusals');
    expect(CompaniesPolicy.refusalsScope(actor(OrganizationType.SBB), 'company-2')).toBe('company-2');
    expect(CompaniesPolicy.refusalsScope(actor(OrganizationType.SBB), undefined)).toBeUndefined();
  });
});
