/**
 * What a front end does with the generated types (type-checked by `npm run check:client`, never run):
 * operations typed by their result and variables, union results narrowed by __typename, and ids
 * everywhere a normalized cache needs them. A change to the schema or an example that breaks a
 * client breaks this file's type check.
 */
import { ApolloClient, gql, HttpLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import type {
  CreateStudentMutation,
  CreateStudentMutationVariables,
  PublishPlacementMutation,
  SetStudentPreferencesMutation,
  StudentDetailQuery,
  StudentDetailQueryVariables,
} from './generated/operations';

const STUDENT_DETAIL: TypedDocumentNode<StudentDetailQuery, StudentDetailQueryVariables> = gql`
  query StudentDetail($id: ID!) { student(id: $id) { id crebo identity { id fullName } } }
`;

const CREATE_STUDENT: TypedDocumentNode<CreateStudentMutation, CreateStudentMutationVariables> = gql`
  mutation CreateStudent($input: CreateStudentInput!) { createStudent(input: $input) { id crebo homePostcode identity { id fullName } } }
`;

export async function studentName(client: ApolloClient, id: string): Promise<string | undefined> {
  const { data } = await client.query({ query: STUDENT_DETAIL, variables: { id } });
  const identity = data?.student.identity;
  return identity ? `${identity.fullName} (${identity.id})` : undefined;
}

export async function createStudent(client: ApolloClient): Promise<string | undefined> {
  const variables: CreateStudentMutationVariables = {
    input: {
      crebo: '25604', level: 4, leerweg: 'BOL', cohort: 2025, learningWish: 'Backend', werkprocessen: [], homePostcode: '3521', radiusKm: 25,
      availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32,
      identity: { fullName: 'Sara Amrani', dateOfBirth: '2008-03-02', email: 'sara@student.demo' },
    },
  };
  const { data } = await client.mutate({ mutation: CREATE_STUDENT, variables });
  return data?.createStudent.id;
}

/** A typed result union: the compiler knows which fields each member has. */
export function publishOutcome(result: PublishPlacementMutation['publishPlacement']): string {
  switch (result.__typename) {
    case 'Placement':
      return `published ${result.id} (${result.status})`;
    case 'ComplianceRejection':
      return result.findings.map((finding) => `${finding.rule}: ${finding.message}`).join('; ');
    default:
      return 'unknown';
  }
}

export function preferencesOutcome(result: SetStudentPreferencesMutation['setStudentPreferences']): number {
  return result.__typename === 'StudentPreferenceList' ? result.entries.length : result.entries.filter((entry) => entry.reason).length;
}

export const client = new ApolloClient({ link: new HttpLink({ uri: 'http://localhost:3000/graphql' }), cache: new InMemoryCache() });
