import { itemMayMove, requestStateOf } from './fulfilment-states';

describe('the states of a request and its items', () => {
  it('follows DOMAIN.md for a requested item', () => {
    expect(itemMayMove('requested', 'pending_approval')).toBe(true);
    expect(itemMayMove('pending_approval', 'rejected')).toBe(true);
    expect(itemMayMove('approved', 'in_fulfilment')).toBe(true);
    expect(itemMayMove('in_fulfilment', 'fulfilled')).toBe(true);
    expect(itemMayMove('requested', 'fulfilled')).toBe(false);
    expect(itemMayMove('fulfilled', 'cancelled')).toBe(false);
    expect(itemMayMove('cancelled', 'approved')).toBe(false);
  });

  it('keeps a request requested until an item is approved, then in process', () => {
    expect(requestStateOf(['requested', 'pending_approval'])).toBe('requested');
    expect(requestStateOf(['pending_approval', 'in_fulfilment'])).toBe('in_process');
    expect(requestStateOf(['fulfilled', 'in_fulfilment'])).toBe('in_process');
  });

  it('closes a request when all its items are closed, saying how they ended', () => {
    expect(requestStateOf(['fulfilled', 'fulfilled'])).toBe('closed_complete');
    expect(requestStateOf(['cancelled', 'cancelled'])).toBe('closed_cancelled');
    expect(requestStateOf(['rejected'])).toBe('closed_rejected');
    expect(requestStateOf(['fulfilled', 'cancelled'])).toBe('closed_incomplete');
  });
});
