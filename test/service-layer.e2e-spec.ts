import { Clock } from '../src/common/clock/clock';
import { ErrorCode } from '../src/common/errors/domain-errors';
import { PostcodesModule } from '../src/modules/postcodes/postcodes.module';
import { PostcodesService } from '../src/modules/postcodes/postcodes.service';
import { ServiceApp } from './support/service-app';
import { TestClock } from './support/test-clock';

/** The service-level layer: services through DI on a database of their own, no HTTP, a test clock. */
describe('service layer', () => {
  let app: ServiceApp;

  beforeAll(async () => {
    app = await ServiceApp.start({ imports: [PostcodesModule], clock: new TestClock('2027-03-27T23:30:00Z') });
  });

  afterAll(() => app?.stop());

  it('runs a service on the migrated database: a PC4 area from the postcode table', async () => {
    const utrecht = await app.get(PostcodesService).require('3511', 'input.homePostcode');
    expect(utrecht).toMatchObject({ pc4: '3511', province: 'Utrecht' });
  });

  it('passes a service’s domain error through unchanged, naming the field', async () => {
    await expect(app.get(PostcodesService).require('0000', 'input.homePostcode')).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      fields: [expect.objectContaining({ path: 'input.homePostcode' })],
    });
  });

  it('gives every provider the test clock, which the test moves', () => {
    const clock = app.get(Clock);
    expect(clock).toBe(app.clock);
    // 23:30 UTC on 27 March is past midnight in the Netherlands (CET, UTC+1).
    expect(clock.today()).toBe('2027-03-28');
    // A day later summer time has begun (UTC+2): 01:30 on the 29th.
    app.clock.advance({ days: 1 });
    expect(clock.now().toISOString()).toBe('2027-03-28T23:30:00.000Z');
    expect(clock.today()).toBe('2027-03-29');
    app.clock.set('2027-06-30T21:59:59Z');
    expect(clock.today()).toBe('2027-06-30');
    app.clock.advance({ minutes: 1 });
    expect(clock.today()).toBe('2027-07-01');
  });
});
