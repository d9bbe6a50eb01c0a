import type { EntityManager } from 'typeorm';
import { Leerweg } from '../../common/qualification';
import { Sector } from '../../modules/organizations/sector';
import { KerntaakEntity } from '../../modules/qualifications/kerntaak.entity';
import { QualificationDossierEntity } from '../../modules/qualifications/qualification-dossier.entity';
import { QUALIFICATIONS } from './demo-data';

/** The sector chamber of each demo qualification. */
const SECTOR_OF: Record<keyof typeof QUALIFICATIONS, Sector> = {
  verzorgende: Sector.ZORG_WELZIJN_SPORT,
  kok: Sector.VOEDSEL_GROEN_GASTVRIJHEID,
  developer: Sector.ICT_CREATIEVE_INDUSTRIE,
  monteur: Sector.TECHNIEK_GEBOUWDE_OMGEVING,
  logistiek: Sector.MOBILITEIT_TRANSPORT_LOGISTIEK_MARITIEM,
};

/**
 * A few kwalificatiedossiers for the demo (R4), marked `demo` and named "(demo)": the crebos the demo
 * data uses, valid from 2016-08-01 without end, one kerntaak B1-K1 whose werkprocessen B1-K1-W1…
 * are titled after the demo's werkprocessen. Not SBB's register: SBB imports the real one.
 */
export async function seedDemoRegister(manager: EntityManager): Promise<void> {
  for (const [key, qualification] of Object.entries(QUALIFICATIONS) as [keyof typeof QUALIFICATIONS, (typeof QUALIFICATIONS)[string]][]) {
    const dossier = await manager.save(
      manager.create(QualificationDossierEntity, {
        crebo: qualification.crebo,
        name: `${qualification.title} (demo)`,
        sector: SECTOR_OF[key],
        levels: [qualification.level],
        leerwegen: [Leerweg.BBL, Leerweg.BOL],
        validFrom: '2016-08-01',
        validUntil: null,
        demo: true,
      }),
    );
    await manager.insert(KerntaakEntity, {
      dossierId: dossier.id,
      code: 'B1-K1',
      title: `Kerntaak ${qualification.title} (demo)`,
      werkprocessen: qualification.werkprocessen.map((title, index) => ({ code: `B1-K1-W${index + 1}`, title })),
    });
  }
}
