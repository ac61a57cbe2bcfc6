import type { Accessor } from '@deck.gl/core';

/**
 * The value a deck.gl accessor prop gives for one object: calls it when it is a function, returns it when it is a
 * constant. For tooltips/legends that want "the colour the map shows", and for tests.
 */
export function accessorValue<In, Out>(accessor: Accessor<In, Out> | undefined, object: In, index = 0): Out | undefined {
  if (typeof accessor === 'function') {
    const call = accessor as (object: In, info: { index: number; data: In[]; target: number[] }) => Out;
    return call(object, { index, data: [], target: [] });
  }
  return accessor;
}
