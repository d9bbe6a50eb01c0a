/** Owned by placements (stored on the placement); re-exported where compliance code reads it. */
export { ComplianceStatus, EvaluationTrigger } from '../placements/placement-compliance';
