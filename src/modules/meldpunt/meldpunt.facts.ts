export { reportedCompanies } from './meldpunt.repository';
