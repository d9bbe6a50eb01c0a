/** A student input every validation accepts; tests change one field at a time. */
export const validStudent = () => ({
  crebo: '25604',
  level: 4,
  leerweg: 'BOL',
  cohort: 2025,
  learningWish: 'Backend-ontwikkeling in een klein team',
  werkprocessen: ['realiseren', 'testen'],
  homePostcode: '3511',
  radiusKm: 20,
  availableFrom: '2027-02-01',
  availableUntil: '2027-06-30',
  daysPerWeek: 4,
  hoursPerWeek: 32,
  identity: { fullName: 'Noor Haddad', dateOfBirth: '2008-05-14', email: 'noor@student.test' },
});

/** A verzorgende-IG placement input (crebo 25655, BOL, 32 h at the R15 floor) every rule accepts. */
export const validPlacement = (branchId: string, trainerId: string, change: Record<string, unknown> = {}) => ({
  branchId,
  trainerId,
  title: 'Verzorgende IG — avonddienst',
  description: 'Stage in de avondploeg',
  crebos: ['25655'],
  level: 3,
  leerweg: 'BOL',
  werkprocessen: ['zorgplan uitvoeren'],
  startDate: '2027-02-01',
  endDate: '2027-06-30',
  daysPerWeek: 4,
  hoursPerWeek: 32,
  capacity: 2,
  stipendMonthlyCents: 32000,
  expenseAllowanceCents: 5000,
  ...change,
});

/**
 * The terms of a place a student found herself (registerInternship): BOL, 32 h, the R15 floor, at
 * the branch with its praktijkopleider, with `change`.
 */
export const selfFoundTerms = (studentId: string, company: { branchId: string; trainerId: string }, change: Record<string, unknown> = {}) => ({
  studentId,
  branchId: company.branchId,
  trainerId: company.trainerId,
  crebo: '25655',
  level: 3,
  leerweg: 'BOL',
  startDate: '2027-02-01',
  endDate: '2027-06-30',
  daysPerWeek: 4,
  hoursPerWeek: 32,
  stipendMonthlyCents: 32000,
  expenseAllowanceCents: 5000,
  werkprocessen: ['zorgplan uitvoeren'],
  ...change,
});
