// Writes test/fixtures/offices-1034.csv: Chongqing's 1,034 judicial offices (seed 003 gives
// the number) spread over its 38 districts and counties, with realistic Chinese names, both
// office types, and an initial profile on two rows in three. Deterministic (a seeded
// generator, no clock), so the committed fixture can be checked against this script:
//
//   npm run build && node dist/scripts/generate-office-fixture.js [output.csv]
//
// The demo seed has only 渝中区 (CQ-YZ) and 江北区 (CQ-JB); a test creates the other counties
// (FIXTURE_COUNTIES) before importing. Codes start at 101, clear of the seeded CQ-YZ-001….
import { writeFileSync } from 'node:fs';
import { IMPORT_COLUMNS } from '../modules/office';
import type { ImportColumn } from '../modules/office';

export const FIXTURE_OFFICE_COUNT = 1_034;
export const FIXTURE_PATH = 'test/fixtures/offices-1034.csv';
export const FIXTURE_PROFILE_DATE = '2024-01-01';

/** Chongqing's districts (区, mostly streets) and counties (县, mostly townships). */
export const FIXTURE_COUNTIES: readonly { code: string; name: string; urban: boolean }[] = [
  { code: 'CQ-YZ', name: '渝中区', urban: true },
  { code: 'CQ-JB', name: '江北区', urban: true },
  { code: 'CQ-DDK', name: '大渡口区', urban: true },
  { code: 'CQ-SPB', name: '沙坪坝区', urban: true },
  { code: 'CQ-JLP', name: '九龙坡区', urban: true },
  { code: 'CQ-NA', name: '南岸区', urban: true },
  { code: 'CQ-BB', name: '北碚区', urban: true },
  { code: 'CQ-YB', name: '渝北区', urban: true },
  { code: 'CQ-BN', name: '巴南区', urban: true },
  { code: 'CQ-WZ', name: '万州区', urban: false },
  { code: 'CQ-FL', name: '涪陵区', urban: false },
  { code: 'CQ-QJ', name: '黔江区', urban: false },
  { code: 'CQ-CS', name: '长寿区', urban: false },
  { code: 'CQ-JJ', name: '江津区', urban: false },
  { code: 'CQ-HC', name: '合川区', urban: false },
  { code: 'CQ-YC', name: '永川区', urban: false },
  { code: 'CQ-NC', name: '南川区', urban: false },
  { code: 'CQ-QIJ', name: '綦江区', urban: false },
  { code: 'CQ-DZ', name: '大足区', urban: false },
  { code: 'CQ-BS', name: '璧山区', urban: false },
  { code: 'CQ-TL', name: '铜梁区', urban: false },
  { code: 'CQ-TN', name: '潼南区', urban: false },
  { code: 'CQ-RC', name: '荣昌区', urban: false },
  { code: 'CQ-KZ', name: '开州区', urban: false },
  { code: 'CQ-LP', name: '梁平区', urban: false },
  { code: 'CQ-WL', name: '武隆区', urban: false },
  { code: 'CQ-CK', name: '城口县', urban: false },
  { code: 'CQ-FD', name: '丰都县', urban: false },
  { code: 'CQ-DJ', name: '垫江县', urban: false },
  { code: 'CQ-ZX', name: '忠县', urban: false },
  { code: 'CQ-YUY', name: '云阳县', urban: false },
  { code: 'CQ-FJ', name: '奉节县', urban: false },
  { code: 'CQ-WS', name: '巫山县', urban: false },
  { code: 'CQ-WX', name: '巫溪县', urban: false },
  { code: 'CQ-SZ', name: '石柱土家族自治县', urban: false },
  { code: 'CQ-XS', name: '秀山土家族苗族自治县', urban: false },
  { code: 'CQ-YOY', name: '酉阳土家族苗族自治县', urban: false },
  { code: 'CQ-PS', name: '彭水苗族土家族自治县', urban: false },
];

// Place names are two characters, as most towns' are: a first and a second from these.
const FIRST = [...'青石龙凤白马金山桃花黄桷双河新华长安太平永兴高峰鹿角大同仁和清水柏林南坪'];
const SECOND = [...'溪坝湾桥坪岭场坝口塘沟铺寺湖坡林园池营田'];

/** mulberry32: a small, well-known seeded generator, so the fixture never changes by itself. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Cells = Partial<Record<ImportColumn, string | number | boolean>>;

function profileCells(random: () => number, street: boolean): Cells {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const population = street ? int(30_000, 150_000) : int(8_000, 90_000);
  const premisesAreaM2 = int(90, 260);
  const staffTotal = int(3, 12);
  const partyMembers = int(1, staffTotal);
  const mediationCases = int(20, 450);
  const supervised = int(0, 40);
  return {
    profileEffectiveFrom: FIXTURE_PROFILE_DATE,
    population,
    premisesAreaM2,
    exclusivePremisesAreaM2: int(Math.floor(premisesAreaM2 * 0.6), premisesAreaM2),
    staffTotal,
    fullTimeAuxiliaryStaff: int(0, Math.min(4, staffTotal)),
    legalQualifiedStaff: int(0, Math.min(3, staffTotal)),
    partyMembers,
    hasPartyBranch: partyMembers >= 3 && random() < 0.8,
    trainingDays: int(5, 20),
    trainingHours: int(40, 160),
    mediationCases,
    mediationSuccessful: mediationCases - int(0, Math.ceil(mediationCases * 0.04)),
    communityCorrectionSupervised: supervised,
    communityCorrectionLost: random() < 0.05 ? Math.min(1, supervised) : 0,
  };
}

function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The fixture's text: a header and FIXTURE_OFFICE_COUNT rows, LF line endings. */
export function officeFixtureCsv(): string {
  const random = seeded(1034);
  const perCounty = FIXTURE_COUNTIES.map(() => 20 + Math.floor(random() * 15));
  // Bring the total to exactly 1,034, one office at a time round the counties.
  for (let i = 0; perCounty.reduce((a, b) => a + b, 0) !== FIXTURE_OFFICE_COUNT; i += 1) {
    const index = i % perCounty.length;
    const sum = perCounty.reduce((a, b) => a + b, 0);
    perCounty[index] = (perCounty[index] ?? 0) + (sum < FIXTURE_OFFICE_COUNT ? 1 : -1);
  }
  const usedNames = new Set<string>();
  const lines = [IMPORT_COLUMNS.join(',')];
  FIXTURE_COUNTIES.forEach((county, countyIndex) => {
    for (let n = 0; n < (perCounty[countyIndex] ?? 0); n += 1) {
      const street = random() < (county.urban ? 0.85 : 0.2);
      let place: string;
      do {
        place = `${FIRST[Math.floor(random() * FIRST.length)]}${SECOND[Math.floor(random() * SECOND.length)]}`;
      } while (usedNames.has(`${county.code}/${place}`));
      usedNames.add(`${county.code}/${place}`);
      const townWord = street ? '街道' : random() < 0.8 ? '镇' : '乡';
      const cells: Cells = {
        code: `${county.code}-${String(101 + n).padStart(3, '0')}`,
        name: `${place}${townWord}司法所`,
        type: street ? 'STREET' : 'TOWNSHIP',
        countyCode: county.code,
        ...(random() < 2 / 3 ? profileCells(random, street) : {}),
      };
      lines.push(IMPORT_COLUMNS.map((column) => csvCell(cells[column])).join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const output = process.argv[2] ?? FIXTURE_PATH;
  writeFileSync(output, officeFixtureCsv(), 'utf8');
  console.log(`wrote ${FIXTURE_OFFICE_COUNT} offices to ${output}`);
}
