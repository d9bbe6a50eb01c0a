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
