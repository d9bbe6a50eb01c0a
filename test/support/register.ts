/**
 * The qualification register the tests build on (R4, issue #18): every crebo the test files use,
 * valid from 2000-01-01 without end, one kerntaak B1-K1 with werkprocessen B1-K1-W1 … B1-K1-W4.
 * The factories have SBB save them (`saveQualificationDossier`) before the first school or company,
 * so a test may use these crebos as before; a test about the register makes its own (`make.dossier`).
 */
export const TEST_CREBOS = ['25655', '25604', '25180', '25651', '25181', '25701', '25415', '25265', '25150', '25901', '25902', '25903', '31001', '31002', '31003', '31004', '31005'];

export const TEST_WERKPROCESSEN = ['B1-K1-W1', 'B1-K1-W2', 'B1-K1-W3', 'B1-K1-W4'];

export function testDossier(crebo: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    crebo,
    name: `Testdossier ${crebo}`,
    sector: 'ZORG_WELZIJN_SPORT',
    levels: [1, 2, 3, 4],
    leerwegen: ['BOL', 'BBL'],
    validFrom: '2000-01-01',
    validUntil: null,
    kerntaken: [{ code: 'B1-K1', title: 'Testkerntaak', werkprocessen: TEST_WERKPROCESSEN.map((code) => ({ code, title: `Werkproces ${code}` })) }],
    ...change,
  };
}
