// Unit tests for domain/escalation.ts: an overdue step climbs the side that owes it.
import { escalationChainFor, rulesAgree } from '../../../../modules/certification/rules/escalation';

const DEMO = ['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN'];

describe('escalationChainFor', () => {
  test('a county-owed step goes to the county head first, then to the city', () => {
    expect(escalationChainFor(DEMO, 'COUNTY')).toEqual(DEMO);
  });

  test('a city-owed step stays inside the city bureau', () => {
    expect(escalationChainFor(DEMO, 'CITY')).toEqual(['CITY_BUREAU_DIVISION', 'CITY_ADMIN']);
  });

  test('the county rungs come first for a county step, whatever order they were configured in', () => {
    expect(
      escalationChainFor(['CITY_BUREAU_DIVISION', 'COUNTY_BUREAU_HEAD', 'CITY_ADMIN'], 'COUNTY'),
    ).toEqual(['COUNTY_BUREAU_HEAD', 'CITY_BUREAU_DIVISION', 'CITY_ADMIN']);
  });

  test('a chain with no city rung still reaches the city admin for a city step', () => {
    expect(escalationChainFor(['COUNTY_BUREAU_HEAD'], 'CITY')).toEqual(['CITY_ADMIN']);
    expect(escalationChainFor(['COUNTY_BUREAU_HEAD'], 'COUNTY')).toEqual(['COUNTY_BUREAU_HEAD']);
    expect(escalationChainFor([], 'COUNTY')).toEqual(['CITY_ADMIN']);
  });

  test('the configured-chain rule returns the chain unchanged for either side', () => {
    expect(escalationChainFor(DEMO, 'CITY', 'CONFIGURED_CHAIN')).toEqual(DEMO);
    expect(escalationChainFor(DEMO, 'COUNTY', 'CONFIGURED_CHAIN')).toEqual(DEMO);
  });
});

describe('rulesAgree', () => {
  test('says when the choice of rule changes nothing', () => {
    expect(rulesAgree(DEMO, 'COUNTY')).toBe(true);
    expect(rulesAgree(DEMO, 'CITY')).toBe(false);
    expect(rulesAgree(['CITY_BUREAU_DIVISION', 'CITY_ADMIN'], 'CITY')).toBe(true);
  });
});
