import { ENTITY_SETS } from '../sets';
import { buildCsdl, buildCsdlJson } from './csdl';

describe('buildCsdl', () => {
  it('declares every set with its key and typed properties', () => {
    const xml = buildCsdl(ENTITY_SETS);
    expect(xml).toContain('<EntityType Name="Room"><Key><PropertyRef Name="id"/></Key>');
    expect(xml).toContain('<Property Name="area" Type="Edm.Double" Nullable="true"/>');
    expect(xml).toContain('<Property Name="number" Type="Edm.String" Nullable="false" MaxLength="32"/>');
    expect(xml).toContain(
      '<EntitySet Name="occurrences" EntityType="Tessera.Occurrence"><NavigationPropertyBinding Path="room" Target="rooms"/><NavigationPropertyBinding Path="item" Target="items"/>',
    );
  });

  it('derives both navigation properties of a reference, with partner and referential constraint', () => {
    const xml = buildCsdl(ENTITY_SETS);
    expect(xml).toContain('<NavigationProperty Name="occurrences" Type="Collection(Tessera.Occurrence)" Partner="item"/>');
    expect(xml).toContain(
      '<NavigationProperty Name="item" Type="Tessera.Item" Nullable="false" Partner="occurrences"><ReferentialConstraint Property="item_id" ReferencedProperty="id"/></NavigationProperty>',
    );
  });

  it('writes the same model as CSDL JSON', () => {
    const json = JSON.parse(buildCsdlJson(ENTITY_SETS));
    expect(json.Tessera.Room.number).toEqual({ $MaxLength: 32 });
    expect(json.Tessera.Room.updated_at).toEqual({ $Type: 'Edm.DateTimeOffset', $Precision: 3 });
    expect(json.Tessera.Room.occurrences).toEqual({
      $Kind: 'NavigationProperty',
      $Type: 'Tessera.Occurrence',
      $Partner: 'room',
      $Collection: true,
    });
    expect(json.Tessera.Container.rooms['@Capabilities.SortRestrictions']).toEqual({ Sortable: true, NonSortableProperties: [] });
  });
});
