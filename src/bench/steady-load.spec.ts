import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { steadyLoad } from './steady-load';

/** bench:api's fixed rates mean what they say: requests spread over the second, latency counted from when each was due. */
describe('steadyLoad', () => {
  let server: Server;
  let url: string;
  let arrivals: number[];
  let stallUntil: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        arrivals.push(performance.now());
        setTimeout(() => response.end('{}'), Math.max(0, stallUntil - performance.now()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  beforeEach(() => {
    arrivals = [];
    stallUntil = 0;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends one request every 1/rate seconds, not the second’s quota at once', async () => {
    const result = await steadyLoad({ url, headers: { 'content-type': 'application/json' }, body: '{}', rate: 100, seconds: 1 });

    expect(arrivals).toHaveLength(100);
    // Evenly spread, any 100 ms hold about 10; a burst would put all 100 in the first few.
    const busiestTenth = Math.max(...arrivals.map((at) => arrivals.filter((other) => other >= at && other < at + 100).length));
    expect(busiestTenth).toBeLessThanOrEqual(30);
    expect(result.served).toBeGreaterThan(80);
  });

  it('charges a stalled server for the requests that waited on it', async () => {
    stallUntil = performance.now() + 300; // every answer within the first 300 ms waits until then

    const result = await steadyLoad({ url, headers: {}, body: '{}', rate: 100, seconds: 1 });

    // A third of the requests were due during the stall; the first waited about 300 ms.
    expect(result.p99).toBeGreaterThanOrEqual(250);
    expect(result.p50).toBeLessThan(250);
  });

  it('counts the answers that are not 200 apart', async () => {
    const failing = createServer((_, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/`;

    const result = await steadyLoad({ url: failingUrl, headers: {}, body: '{}', rate: 20, seconds: 1 });

    expect(result).toMatchObject({ failed: 20, failure: 'HTTP 503' });
    await new Promise((resolve) => failing.close(resolve));
  });

  it('counts an answer cut off halfway as failed instead of waiting for it', async () => {
    const cutting = createServer((_, response) => {
      response.writeHead(200, { 'content-length': '100' }).write('{"data":');
      setTimeout(() => response.destroy(), 10);
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const cuttingUrl = `http://127.0.0.1:${(cutting.address() as AddressInfo).port}/`;

    const result = await steadyLoad({ url: cuttingUrl, headers: {}, body: '{}', rate: 20, seconds: 1 });

    expect(result.failed).toBe(20);
    await new Promise((resolve) => cutting.close(resolve));
  });
});
