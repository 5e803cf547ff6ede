import { describe, expect, it } from 'vitest';
import { evseLabel, evseLabelOf } from './evse-label';

describe('evseLabel', () => {
  it('shows the OCPI EVSE id, not the uid, and the id when there is no name', () => {
    expect(evseLabel({ id: '3256-a1b2-uuid', name: 'DE*GSL*E1' })).toBe('DE*GSL*E1');
    expect(evseLabel({ id: 'A1-1' })).toBe('A1-1');
    expect(evseLabel({ id: 'A1-1', name: '  ' })).toBe('A1-1');
  });

  it('looks an EVSE up by id, with a dash for none and the id for an unknown one', () => {
    const evses = [{ id: 'u1', name: 'NL*ABC*E1' }];
    expect(evseLabelOf({ evses, id: 'u1' })).toBe('NL*ABC*E1');
    expect(evseLabelOf({ evses, id: 'gone' })).toBe('gone');
    expect(evseLabelOf({ evses, id: null })).toBe('—');
  });
});
