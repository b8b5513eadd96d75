import { deliverySummary } from '../../src/report/pdf-readiness';

type Drill = Parameters<typeof deliverySummary>[0];

const drill = (statuses: Array<[string, string]>): Drill =>
  ({
    subscriptions: statuses.length,
    delivered: statuses.filter(([, s]) => s === 'delivered').length,
    deliveries: statuses.map(([protocol, status]) => ({ protocol, endpoint: 'x', status, secondsAfterTrigger: status === 'delivered' ? 2 : null })),
  }) as unknown as Drill;

describe('report: a drill\'s delivery line', () => {
  it('counts deliveries, and names the subscriptions without a delivery record by protocol', () => {
    expect(deliverySummary(drill([['https', 'delivered'], ['email', 'no-record']]))).toBe('1 of 2 delivered\n1 without a delivery record (email)');
    expect(deliverySummary(drill([['sms', 'no-record'], ['email', 'no-record'], ['email', 'no-record']]))).toBe('0 of 3 delivered\n3 without a delivery record (email, sms)');
  });

  it('says nothing more when every subscription has a record, delivered or not', () => {
    expect(deliverySummary(drill([['https', 'delivered'], ['https', 'pending-confirmation'], ['sqs', 'failed']]))).toBe('1 of 3 delivered');
  });
});
