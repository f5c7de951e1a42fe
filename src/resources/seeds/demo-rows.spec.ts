import { itemAt, occurrenceAt, roomAt } from './demo-rows';

describe('demo rows', () => {
  it('are deterministic: the same database and index give the same row', () => {
    expect(roomAt('01', 42)).toEqual(roomAt('01', 42));
    expect(itemAt('01', 7)).toEqual(itemAt('01', 7));
    expect(occurrenceAt('01', 9, 100, 10)).toEqual(occurrenceAt('01', 9, 100, 10));
  });

  it('differ between databases and indexes', () => {
    expect(roomAt('01', 1)).not.toEqual(roomAt('02', 1));
    expect(roomAt('01', 1).number).not.toBe(roomAt('01', 2).number);
  });

  it('give realistic rooms: a number, a floor, an area within bounds and a known status', () => {
    for (let i = 0; i < 500; i++) {
      const room = roomAt('01', i);
      expect(room.number).toMatch(/^[A-Z]\.(U\d|\d{2})\.\d{3}$/);
      expect(room.area).toBeGreaterThanOrEqual(4);
      expect(room.area).toBeLessThanOrEqual(120);
      expect(['planned', 'approved', 'under construction', 'completed']).toContain(room.status);
    }
  });

  it('place occurrences in existing rooms and items', () => {
    for (let i = 0; i < 200; i++) {
      const occurrence = occurrenceAt('01', i, 30, 5);
      expect(occurrence.room_index).toBeLessThan(30);
      expect(occurrence.item_index).toBeLessThan(5);
      expect(occurrence.quantity).toBeGreaterThanOrEqual(1);
    }
  });
});
