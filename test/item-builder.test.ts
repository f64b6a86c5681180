import { EntityParser } from 'dynamodb-toolbox';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../entities/index.js';
import { RowConverter } from '../seed/row-converter.js';
import { sampleRows } from './csv-oracle.js';

/**
 * The seed builds items with a compiled path (the toolbox's generic parser is too
 * slow for bulk loads); the toolbox entity stays the reference: both must produce
 * the same item for every entity.
 */
describe('the seed item builder', () => {
  for (const model of ENTITIES) {
    it(`builds the same ${model.name} items as the dynamodb-toolbox EntityParser`, () => {
      const rows = sampleRows(model.file);
      const header = Object.keys(rows[0]!);
      const converter = new RowConverter(model, header);
      const parser = model.entity.build(EntityParser);
      for (const row of rows.slice(0, 25)) {
        const converted = converter.convert(header.map((h) => row[h]!));
        const refs = { someRelation: ['a', 'b'] };
        const daily = { aDailyRelation: '2026-03-15' };
        const ours = converter.toItem(converted, { refs, daily });
        const { item: theirs } = parser.parse({ ...converted.row, _refs: refs, _daily: daily });
        expect(ours).toEqual({ ...converted.extras, ...(theirs as object) });
      }
    });
  }
});
