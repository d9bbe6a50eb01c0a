import { Leerweg } from '../../common/qualification';
import { Sector } from '../../modules/organizations/sector';

/** The password of every demo user (printed in the README). */
export const DEMO_PASSWORD = 'stagematch-demo-2026';

export const DEMO_USERS = {
  platformAdmin: { email: 'admin@stagematch.demo', name: 'Platform Beheer' },
  sbbAuditor: { email: 'auditor@sbb.demo', name: 'Sanne de Vries (SBB)' },
  schoolAdmin: { email: 'admin@roc-utrecht.demo', name: 'Karim El Amrani' },
  schoolStaff: { email: 'bpv@roc-utrecht.demo', name: 'Lotte Jansen' },
  otherSchoolAdmin: { email: 'admin@noorderpoort.demo', name: 'Jelle Bakker' },
  companyAdmin: { email: 'admin@zorggroep-domstad.demo', name: 'Fatma Yilmaz' },
  companyStaff: { email: 'opleider@zorggroep-domstad.demo', name: 'Pieter Visser' },
  /** Issue #17: a ROC Utrecht student signed in as herself, 17 on the start of her self-found internship (her POK needs her guardian). */
  student: { email: 'noor.haddad@roc-utrecht.demo', name: 'Noor Haddad' },
  /** Issue #17: an adult ROC Utrecht student (Kok) signed in as himself, not yet placed. */
  adultStudent: { email: 'daan.vermeulen@roc-utrecht.demo', name: 'Daan Vermeulen' },
} as const;

/** The demo students' own accounts (issue #17): who they are, as `DEMO_WRITTEN_FOR` dates them (moved on with the rest). */
export const DEMO_STUDENT_BIRTH_DATES = {
  /** 17 on 2027-02-01, the start of her self-found internship: a minor, whose guardian signs her POK. */
  student: '2009-06-12',
  /** 21 when his availability starts (2027-09-01). */
  adultStudent: '2006-04-09',
} as const;

/**
 * DEMO ONLY: ROC Utrecht (demo) signs in through an OpenID provider on this machine. Start one
 * with `npm run demo:oidc-provider` (test/support/oidc-provider-server.mjs on port 4000, any login
 * accepted) and open `/auth/oidc/<the school's id>/start` (README "Accounts and sign-in"). The
 * secret is public: production never has this organization (SEED_DEMO_ON_EMPTY is off there).
 */
export const DEMO_SSO = {
  issuer: 'http://127.0.0.1:4000',
  clientId: 'stagematch',
  clientSecret: 'stagematch-demo-sso-client',
  allowedDomains: ['roc-utrecht.demo'],
} as const;

export interface DemoQualification {
  crebo: string;
  level: number;
  leerweg: Leerweg;
  title: string;
  werkprocessen: string[];
}

export const QUALIFICATIONS: Record<string, DemoQualification> = {
  verzorgende: {
    crebo: '25655', level: 3, leerweg: Leerweg.BOL, title: 'Verzorgende IG',
    werkprocessen: ['zorgplan uitvoeren', 'medicatie toedienen', 'signaleren', 'rapporteren'],
  },
  kok: {
    crebo: '25180', level: 2, leerweg: Leerweg.BOL, title: 'Kok',
    werkprocessen: ['mise-en-place', 'gerechten bereiden', 'hygiëne HACCP', 'bestellingen ontvangen'],
  },
  developer: {
    crebo: '25604', level: 4, leerweg: Leerweg.BOL, title: 'Software developer',
    werkprocessen: ['software ontwerpen', 'realiseren', 'testen', 'opleveren'],
  },
  monteur: {
    crebo: '25265', level: 3, leerweg: Leerweg.BBL, title: 'Eerste monteur elektrotechniek',
    werkprocessen: ['installaties aanleggen', 'storingen verhelpen', 'veilig werken NEN 3140'],
  },
  logistiek: {
    crebo: '25415', level: 2, leerweg: Leerweg.BOL, title: 'Logistiek medewerker',
    werkprocessen: ['goederen ontvangen', 'orders verzamelen', 'voorraad beheren'],
  },
};

export interface DemoCompany {
  key: string;
  name: string;
  kvkNumber: string;
  sector: Sector;
  branches: { name: string; street: string; houseNumber: string; postcode: string; city: string }[];
  qualifications: (keyof typeof QUALIFICATIONS)[];
}

export const SCHOOLS = [
  { key: 'utrecht', name: 'ROC Utrecht (demo)', brinCode: '25PZ', homes: ['3511', '3521', '3532', '3555', '3701', '3431', '3991', '3811'] },
  { key: 'groningen', name: 'Noorderpoort (demo)', brinCode: '01OE', homes: ['9711', '9712', '9722', '9744', '9801', '9401'] },
] as const;

export const COMPANIES: DemoCompany[] = [
  {
    key: 'domstad', name: 'Zorggroep Domstad', kvkNumber: '30123456', sector: Sector.ZORG_WELZIJN_SPORT,
    branches: [
      { name: 'Locatie Binnenstad', street: 'Lange Nieuwstraat', houseNumber: '12', postcode: '3512 PH', city: 'Utrecht' },
      { name: 'Locatie Zeist', street: 'Slotlaan', houseNumber: '40', postcode: '3701 GL', city: 'Zeist' },
    ],
    qualifications: ['verzorgende'],
  },
  {
    key: 'brasserie', name: 'Brasserie Oudegracht', kvkNumber: '30234567', sector: Sector.VOEDSEL_GROEN_GASTVRIJHEID,
    branches: [{ name: 'Keuken Oudegracht', street: 'Oudegracht', houseNumber: '158', postcode: '3511 AZ', city: 'Utrecht' }],
    qualifications: ['kok'],
  },
  {
    key: 'codeerfabriek', name: 'Codeerfabriek', kvkNumber: '32345678', sector: Sector.ICT_CREATIEVE_INDUSTRIE,
    branches: [
      { name: 'Studio Amersfoort', street: 'Stationsplein', houseNumber: '5', postcode: '3811 EA', city: 'Amersfoort' },
      { name: 'Studio Nieuwegein', street: 'Stadsplein', houseNumber: '1', postcode: '3431 LZ', city: 'Nieuwegein' },
    ],
    qualifications: ['developer'],
  },
  {
    key: 'installatie', name: 'Installatiebedrijf Noord', kvkNumber: '02456789', sector: Sector.TECHNIEK_GEBOUWDE_OMGEVING,
    branches: [{ name: 'Vestiging Groningen', street: 'Paterswoldseweg', houseNumber: '80', postcode: '9711 BP', city: 'Groningen' }],
    qualifications: ['monteur'],
  },
  {
    key: 'logistiek', name: 'Logistiek Centrum Hoogkerk', kvkNumber: '02567890', sector: Sector.MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM,
    branches: [{ name: 'DC Hoogkerk', street: 'Zuiderweg', houseNumber: '2', postcode: '9744 AP', city: 'Groningen' }],
    qualifications: ['logistiek', 'kok'],
  },
];

export const FIRST_NAMES = [
  'Sem', 'Noah', 'Lieke', 'Mohamed', 'Emma', 'Daan', 'Yara', 'Ayoub', 'Sophie', 'Luuk',
  'Fenna', 'Milan', 'Nora', 'Anouk', 'Bilal', 'Julia', 'Thijs', 'Zeynep', 'Jesse', 'Amira',
];
export const LAST_NAMES = [
  'de Jong', 'Jansen', 'El Idrissi', 'de Vries', 'van den Berg', 'Yilmaz', 'Bakker', 'Mulder',
  'Öztürk', 'Visser', 'Smit', 'Kaya', 'Meijer', 'Bouzid', 'de Boer', 'Hoekstra',
];
