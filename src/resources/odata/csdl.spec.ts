import { ENTITY_SETS } from '../sets';
import { buildCsdl } from './csdl';

describe('buildCsdl', () => {
  it('declares every set with its key and typed properties', () => {
    const xml = buildCsdl(ENTITY_SETS);
    expect(xml).toContain('<EntityType Name="Room"><Key><PropertyRef Name="id"/></Key>');
    expect(xml).toContain('<Property Name="area" Type="Edm.Double" Nullable="true"/>');
    expect(xml).toContain('<Property Name="number" Type="Edm.String" Nullable="false" MaxLength="32"/>');
    expect(xml).toContain('<EntitySet Name="occurrences" EntityType="Tessera.Occurrence"/>');
  });
});
