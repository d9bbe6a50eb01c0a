import type { EntityManager } from 'typeorm';
import { MembershipRole } from '../../common/auth/roles';
import type { Language } from '../organizations/user.entity';
import { EventType } from './event-type';

export interface Recipients {
  organizationIds: string[];
  /** Only users with this role in those organizations; all users when absent. */
  role?: MembershipRole;
}

export type Message = Record<Language, { subject: string; text: string }>;

interface CatalogEntry {
  recipients(manager: EntityManager, payload: Record<string, string>): Promise<Recipients>;
  message(manager: EntityManager, payload: Record<string, string>): Promise<Message>;
}

async function one<T>(manager: EntityManager, sql: string, id: string): Promise<T> {
  const [row] = (await manager.query(sql, [id])) as T[];
  if (!row) throw new Error(`event refers to a missing row (${id})`);
  return row;
}

const placementOf = (manager: EntityManager, id: string) =>
  one<{ company_id: string; title: string; company: string }>(
    manager,
    `SELECT p.company_id, p.title, o.name AS company FROM placements p JOIN organizations o ON o.id = p.company_id WHERE p.id = $1`,
    id,
  );

const accreditationOf = (manager: EntityManager, id: string) =>
  one<{ company_id: string; crebo: string; company: string; branch: string; reason: string | null }>(
    manager,
    `SELECT a.company_id, a.crebo, o.name AS company, b.name AS branch, a.revocation_reason AS reason
       FROM accreditations a JOIN organizations o ON o.id = a.company_id JOIN branches b ON b.id = a.branch_id WHERE a.id = $1`,
    id,
  );

/**
 * Schools with a student proposed or placed at the company. Proposals and internships arrive with
 * the matching issue; until then no school is linked to a company.
 */
async function schoolsLinkedTo(_manager: EntityManager, _companyId: string): Promise<string[]> {
  return [];
}

const companyOfPlacement = async (manager: EntityManager, { placementId }: Record<string, string>): Promise<Recipients> => ({
  organizationIds: [(await placementOf(manager, placementId)).company_id],
});

const companyOfAccreditationAndItsSchools = async (manager: EntityManager, { accreditationId }: Record<string, string>): Promise<Recipients> => {
  const { company_id } = await accreditationOf(manager, accreditationId);
  return { organizationIds: [company_id, ...(await schoolsLinkedTo(manager, company_id))] };
};

/** Who hears of each event and what they read (Dutch, with English for users who chose it). */
export const EVENT_CATALOG: Record<EventType, CatalogEntry> = {
  [EventType.USER_ADDED]: {
    recipients: async (manager, { userId }) => {
      const user = await one<{ organization_id: string }>(manager, 'SELECT organization_id FROM users WHERE id = $1', userId);
      return { organizationIds: [user.organization_id], role: MembershipRole.ADMIN };
    },
    message: async (manager, { userId }) => {
      const user = await one<{ name: string; email: string }>(manager, 'SELECT name, email FROM users WHERE id = $1', userId);
      return {
        nl: { subject: `Nieuwe gebruiker: ${user.name}`, text: `${user.name} (${user.email}) is toegevoegd aan uw organisatie.` },
        en: { subject: `New user: ${user.name}`, text: `${user.name} (${user.email}) was added to your organization.` },
      };
    },
  },
  [EventType.PLACEMENT_PUBLISHED]: {
    recipients: companyOfPlacement,
    message: async (manager, { placementId }) => {
      const placement = await placementOf(manager, placementId);
      return {
        nl: { subject: `Stageplaats gepubliceerd: ${placement.title}`, text: `De stageplaats "${placement.title}" staat nu open voor studenten.` },
        en: { subject: `Placement published: ${placement.title}`, text: `The placement "${placement.title}" is now open to students.` },
      };
    },
  },
  [EventType.PLACEMENT_CLOSED]: {
    recipients: companyOfPlacement,
    message: async (manager, { placementId }) => {
      const placement = await placementOf(manager, placementId);
      return {
        nl: { subject: `Stageplaats gesloten: ${placement.title}`, text: `De stageplaats "${placement.title}" is gesloten.` },
        en: { subject: `Placement closed: ${placement.title}`, text: `The placement "${placement.title}" was closed.` },
      };
    },
  },
  [EventType.ACCREDITATION_GRANTED]: {
    recipients: companyOfAccreditationAndItsSchools,
    message: async (manager, { accreditationId }) => {
      const a = await accreditationOf(manager, accreditationId);
      return {
        nl: { subject: `Erkenning verleend: crebo ${a.crebo}`, text: `SBB heeft ${a.company} (${a.branch}) erkend voor crebo ${a.crebo}.` },
        en: { subject: `Accreditation granted: crebo ${a.crebo}`, text: `SBB accredited ${a.company} (${a.branch}) for crebo ${a.crebo}.` },
      };
    },
  },
  [EventType.ACCREDITATION_REVOKED]: {
    recipients: companyOfAccreditationAndItsSchools,
    message: async (manager, { accreditationId }) => {
      const a = await accreditationOf(manager, accreditationId);
      return {
        nl: {
          subject: `Erkenning ingetrokken: crebo ${a.crebo}`,
          text: `SBB heeft de erkenning van ${a.company} (${a.branch}) voor crebo ${a.crebo} ingetrokken. Reden: ${a.reason ?? '-'}.`,
        },
        en: {
          subject: `Accreditation revoked: crebo ${a.crebo}`,
          text: `SBB revoked the accreditation of ${a.company} (${a.branch}) for crebo ${a.crebo}. Reason: ${a.reason ?? '-'}.`,
        },
      };
    },
  },
};
