import { advance, cancellation, type ItemUnderway } from './fulfilment';

const plan = [
  { stage: 1, shortDescription: 'Order', assignmentGroup: 'service-desk' },
  { stage: 2, shortDescription: 'Image', assignmentGroup: 'network' },
  { stage: 2, shortDescription: 'Account', assignmentGroup: 'database' },
];
const item = (state: ItemUnderway['state'], approval: ItemUnderway['approval'] = 'none') => ({
  id: 'i1',
  state,
  approval,
  plan,
  provisions: false,
  provisioning: null,
});

describe('advancing the fulfilment of a request', () => {
  it('approves an item that needs no approval and opens the first stage of its plan', () => {
    expect(advance([item('requested')], [])).toEqual({
      itemMoves: [
        { itemId: 'i1', from: 'requested', to: 'approved' },
        { itemId: 'i1', from: 'approved', to: 'in_fulfilment' },
      ],
      tasksToOpen: [{ itemId: 'i1', step: plan[0] }],
      provisioningToAsk: [],
    });
  });

  it('holds an item with an approval rule pending its approval', () => {
    expect(advance([item('requested', 'group')], [])).toEqual({
      itemMoves: [{ itemId: 'i1', from: 'requested', to: 'pending_approval' }],
      tasksToOpen: [],
      provisioningToAsk: [],
    });
    expect(advance([item('pending_approval', 'manager')], []).itemMoves).toEqual([]);
  });

  it('opens the parallel tasks of the next stage when the stage before is done', () => {
    const outcome = advance([item('in_fulfilment')], [{ itemId: 'i1', stage: 1, state: 'done' }]);
    expect(outcome.tasksToOpen.map((t) => t.step.shortDescription)).toEqual(['Image', 'Account']);
    expect(outcome.itemMoves).toEqual([]);
  });

  it('fulfils the item when every task of its plan is done, and not before', () => {
    const done = [1, 2].map((stage) => ({ itemId: 'i1', stage, state: 'done' as const }));
    expect(advance([item('in_fulfilment')], done).itemMoves).toEqual([]);
    expect(
      advance([item('in_fulfilment')], [...done, { itemId: 'i1', stage: 2, state: 'done' }])
        .itemMoves,
    ).toEqual([{ itemId: 'i1', from: 'in_fulfilment', to: 'fulfilled' }]);
  });

  it('leaves closed items alone', () => {
    expect(advance([item('cancelled'), item('fulfilled')], [])).toEqual({
      itemMoves: [],
      tasksToOpen: [],
      provisioningToAsk: [],
    });
  });

  const allDone = [1, 2, 2].map((stage) => ({ itemId: 'i1', stage, state: 'done' as const }));
  const provisioning = (status: 'pending' | 'created' | 'refused') => ({
    requestedAt: '2026-12-01T10:00:00.000Z',
    ci: { status, ciId: null, ciName: null, reason: null, answeredAt: null },
  });

  it('asks for the provisioning of an item that provisions once its plan is done, and waits', () => {
    const provisioned = { ...item('in_fulfilment'), provisions: true };
    expect(advance([provisioned], allDone)).toEqual({
      itemMoves: [],
      tasksToOpen: [],
      provisioningToAsk: ['i1'],
    });
    const asked = { ...provisioned, provisioning: provisioning('pending') };
    expect(advance([asked], allDone)).toMatchObject({ itemMoves: [], provisioningToAsk: [] });
  });

  it('fulfils an item that provisions when what it asked for was created, not when refused', () => {
    const answered = (status: 'created' | 'refused') => ({
      ...item('in_fulfilment'),
      provisions: true,
      provisioning: provisioning(status),
    });
    expect(advance([answered('created')], allDone).itemMoves).toEqual([
      { itemId: 'i1', from: 'in_fulfilment', to: 'fulfilled' },
    ]);
    expect(advance([answered('refused')], allDone).itemMoves).toEqual([]);
  });

  it('cancels only what is still open', () => {
    const items = [{ state: 'fulfilled' as const }, { state: 'in_fulfilment' as const }];
    const tasks = [{ state: 'done' as const }, { state: 'open' as const }];
    expect(cancellation(items, tasks)).toEqual({ items: [items[1]], tasks: [tasks[1]] });
  });
});
