// Read the committed project with HubSpot's own parser (@hubspot/project-parsing-lib, what the
// HubSpot CLI uses), offline. Full JSON-schema validation fetches the schemas from HubSpot
// with an account (lib/schemas.js), so it cannot run here; everything the library can check
// without an account is checked: hsproject.json, platform version, every *-hsmeta.json parsed
// into the intermediate representation, component counts, uids, folders, entrypoints.
import { describe, it, expect } from '@jest/globals';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { getProjectMetadata, isKnownPlatformVersion, parseProjectConfig, validateProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { Components, METAFILE_EXTENSION } from '@hubspot/project-parsing-lib/constants';
import { mapToUserFacingType } from '@hubspot/project-parsing-lib/transform';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import { HUBSPOT_COMPONENT_UIDS, HUBSPOT_PROJECT_DIR } from '../../../../../connectors/hubspot/app-project/render-project.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const projectDir = join(root, HUBSPOT_PROJECT_DIR);

describe('HubSpot project, read by @hubspot/project-parsing-lib', () => {
  const config = parseProjectConfig(projectDir);
  const srcDir = join(projectDir, config.srcDir);

  it('has a valid hsproject.json on a known platform version', () => {
    expect(() => validateProjectConfig(config, projectDir)).not.toThrow();
    expect(config.platformVersion).toBe('2026.03');
    expect(isKnownPlatformVersion(config.platformVersion)).toBe(true);
  });

  it('translates every component, with the features depending on the app', async () => {
    const { intermediateRepresentation: ir, skippedHsMetaFiles } = await translate(
      { projectSourceDir: srcDir, platformVersion: config.platformVersion },
      { skipValidation: true },
    );
    expect(skippedHsMetaFiles).toEqual([]);
    const nodes = ir.intermediateNodesIndexedByUid;
    const types = Object.fromEntries(Object.values(nodes).map((n) => [n.uid, n.componentType]));
    expect(types).toEqual({
      [HUBSPOT_COMPONENT_UIDS.app]: 'APPLICATION',
      [HUBSPOT_COMPONENT_UIDS.webhooks]: 'WEBHOOKS',
      [HUBSPOT_COMPONENT_UIDS.card]: 'CARD',
      [HUBSPOT_COMPONENT_UIDS.settings]: 'SETTINGS',
    });
    for (const uid of [HUBSPOT_COMPONENT_UIDS.webhooks, HUBSPOT_COMPONENT_UIDS.card, HUBSPOT_COMPONENT_UIDS.settings]) {
      expect(nodes[uid]!.componentDeps).toMatchObject({ app: HUBSPOT_COMPONENT_UIDS.app });
    }
  });

  it('keeps each component in its folder, within its count, with a valid uid and an existing entrypoint', async () => {
    const meta = await getProjectMetadata(srcDir);
    expect(meta.hsMetaFiles).toHaveLength(4);
    for (const [type, m] of Object.entries(meta.components)) {
      if (m.count > 0) expect({ type, ok: (m.maxCount as number | null) === null || m.count <= m.maxCount }).toEqual({ type, ok: true });
    }
    const { intermediateRepresentation: ir } = await translate({ projectSourceDir: srcDir, platformVersion: config.platformVersion }, { skipValidation: true });
    const byFile = new Map(Object.values(ir.intermediateNodesIndexedByUid).map((n) => [n.metaFilePath, n]));
    for (const file of meta.hsMetaFiles) {
      const rel = relative(srcDir, file);
      expect(rel.endsWith(METAFILE_EXTENSION)).toBe(true);
      const node = byFile.get(rel)!;
      expect(validateUid(node.uid)).toBeUndefined();
      // The folder HubSpot's parser expects for this component type (constants.Components).
      const component = Components[mapToUserFacingType(node.componentType)]!;
      const folder = component.parentComponent ? join(Components[component.parentComponent]!.dir, component.dir) : component.dir;
      expect({ rel, folder: dirname(rel) }).toEqual({ rel, folder });
      const entrypoint = (node.config as { entrypoint?: string }).entrypoint;
      if (entrypoint) expect({ entrypoint, exists: existsSync(join(srcDir, entrypoint)) }).toEqual({ entrypoint, exists: true });
    }
  });
});
