import type { TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- ts-odatajs (Apache Olingo's JavaScript client) ships CommonJS without usable types
const odatajs = require('ts-odatajs');

interface NavigationProperty {
  name: string;
  type: string;
  partner?: string;
  referentialConstraint?: { property: string; referencedProperty: string }[];
}
interface EntityType {
  name: string;
  navigationProperty?: NavigationProperty[];
}
interface Metadata {
  dataServices: {
    schema: {
      namespace: string;
      entityType: EntityType[];
      entityContainer: {
        entitySet: { name: string; entityType: string; navigationPropertyBinding?: { path: string; target: string }[] }[];
      };
    }[];
  };
}

/** Reads with Olingo's client; its handlers parse the answer, our code takes no part. */
function read<T>(requestUri: string, auth: string, handler?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    odatajs.oData.read(
      { requestUri, headers: { Authorization: auth } },
      resolve,
      (error: { message: string }) => reject(new Error(`${requestUri}: ${error.message}`)),
      handler,
    );
  });
}

/**
 * An independent OData client (Apache Olingo's odatajs, as ts-odatajs) finds the relationships in
 * the CSDL, as Power BI does, and expands exactly what it found (issue 12, Tests).
 */
describe('Olingo odatajs reads the navigation properties from $metadata and expands them', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => ({ t, actors } = await startResourceApp(12)));
  afterAll(async () => {
    await t?.close();
  });

  it('finds partners, referential constraints and bindings, then expands every navigation property it found', async () => {
    const auth = `Bearer ${actors.writer}`;
    const metadata = await read<Metadata>(`${t.url}/odata/01/$metadata`, auth, odatajs.oData.metadataHandler);
    const [schema] = metadata.dataServices.schema;
    const types = new Map(schema.entityType.map((type) => [`${schema.namespace}.${type.name}`, type]));
    const occurrence = types.get('Tessera.Occurrence')!;
    expect(occurrence.navigationProperty).toEqual([
      {
        name: 'room',
        type: 'Tessera.Room',
        nullable: 'false',
        partner: 'occurrences',
        referentialConstraint: [{ property: 'room_id', referencedProperty: 'id' }],
      },
      {
        name: 'item',
        type: 'Tessera.Item',
        nullable: 'false',
        partner: 'occurrences',
        referentialConstraint: [{ property: 'item_id', referencedProperty: 'id' }],
      },
    ]);
    for (const set of schema.entityContainer.entitySet) {
      const navigation = types.get(set.entityType)!.navigationProperty ?? [];
      expect(set.navigationPropertyBinding?.map((b) => b.path)).toEqual(navigation.map((n) => n.name));
      const expand = navigation.map((n) => n.name).join(',');
      const page = await read<{ value: Record<string, unknown>[] }>(`${t.url}/odata/01/${set.name}?$top=3&$expand=${expand}`, auth);
      expect(page.value.length).toBeGreaterThan(0);
      for (const entity of page.value) {
        for (const n of navigation) {
          if (n.type.startsWith('Collection(')) expect(Array.isArray(entity[n.name])).toBe(true);
          else expect((entity[n.name] as { id: number }).id).toBe(entity[n.referentialConstraint![0].property]);
        }
      }
    }
  });
});
