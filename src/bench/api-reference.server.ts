import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import jwt from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { EARTH_RADIUS_KM, haversineSql } from '../modules/postcodes/distance';

/**
 * bench:api's floor: bare Apollo Server 5 + Express 5 + one `pg` query per operation, the same token
 * check as the API (jsonwebtoken verify, HS256, issuer and audience), no Nest, no TypeORM, no session
 * look-up. Forked by api.bench.ts with DATABASE_URL and JWT_SECRET; sends its port to the parent.
 */
const typeDefs = `#graphql
  enum Leerweg { BOL BBL }
  input NearInput { postcode: String!, radiusKm: Int! }
  input PlacementFilter { near: NearInput, leerweg: Leerweg }
  type Organization { name: String! }
  type Branch { city: String!, pc4: String! }
  type Placement { id: ID!, title: String!, startDate: String!, distanceKm: Float, company: Organization!, branch: Branch! }
  type PlacementEdge { node: Placement!, cursor: String! }
  type PlacementConnection { edges: [PlacementEdge!]!, totalCount: Int! }
  type User { id: ID!, name: String! }
  type Query { placements(first: Int, filter: PlacementFilter): PlacementConnection!, me: User! }
`;

const distance = haversineSql('origin.lat', 'origin.lon', 'area.lat', 'area.lon');
/** What the API's placement search asks Postgres (postcode, bounding box, page, count, company and branch), as one statement. */
const SEARCH_SQL = `
  WITH origin AS (SELECT lat, lon, degrees($3::float8 / ${EARTH_RADIUS_KM}) AS lat_delta FROM postcodes WHERE pc4 = $1),
       found AS (
         SELECT p.id, p.title, p.start_date, p.company_id, p.branch_id, ${distance} AS distance_km
           FROM placements p JOIN branch_locations area ON area.branch_id = p.branch_id CROSS JOIN origin
          WHERE p.status = 'PUBLISHED' AND p.leerweg = $2
            AND area.lat BETWEEN origin.lat - origin.lat_delta AND origin.lat + origin.lat_delta
            AND area.lon BETWEEN origin.lon - origin.lat_delta / cos(radians(origin.lat)) AND origin.lon + origin.lat_delta / cos(radians(origin.lat))
            AND ${distance} <= $3)
  SELECT f.id, f.title, f.start_date::text AS "startDate", round(f.distance_km::numeric, 1)::float AS "distanceKm",
         o.name AS company_name, b.city, b.pc4, (SELECT count(*) FROM found)::int AS total
    FROM found f JOIN organizations o ON o.id = f.company_id JOIN branches b ON b.id = f.branch_id
   ORDER BY f.distance_km, f.start_date, f.id LIMIT $4`;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const key = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));
  const subjectOf = (authorization = ''): string => {
    const payload = jwt.verify(authorization.replace(/^Bearer\s+/i, ''), key, { algorithms: ['HS256'], issuer: 'stagematch', audience: 'stagematch:api' });
    if (typeof payload === 'string' || !payload.sub) throw new Error('no subject');
    return payload.sub;
  };
  const resolvers = {
    Query: {
      placements: async (_: unknown, { first = 10, filter }: { first?: number; filter: { near: { postcode: string; radiusKm: number }; leerweg?: string } }) => {
        const { rows } = await pool.query({
          name: 'search',
          text: SEARCH_SQL,
          values: [filter.near.postcode, filter.leerweg ?? 'BOL', filter.near.radiusKm, first + 1],
        });
        return {
          totalCount: rows[0]?.total ?? 0,
          edges: rows.slice(0, first).map((row) => ({ cursor: row.id, node: { ...row, company: { name: row.company_name }, branch: row } })),
        };
      },
      me: async (_: unknown, __: unknown, { userId }: { userId: string }) =>
        (await pool.query({ name: 'me', text: 'SELECT id, name FROM users WHERE id = $1', values: [userId] })).rows[0],
    },
  };
  const server = new ApolloServer({ typeDefs, resolvers });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server, { context: async ({ req }) => ({ userId: subjectOf(req.headers.authorization) }) }));
  const listener = app.listen(0, '127.0.0.1', () => process.send!({ port: (listener.address() as AddressInfo).port }));
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
