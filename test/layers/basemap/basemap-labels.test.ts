import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderBasemapLabels } from '../../../layers/basemap/basemap-labels.js';

test('district labels: one stable text layer with the bundled font and the data as given', () => {
  const labels = [{ id: '290', text: 'Chí Linh', position: [106.39, 21.13] as const }];
  const [layer] = renderBasemapLabels(labels);
  assert.equal(layer?.id, 'basemap-district-labels');
  assert.equal(layer?.props.data, labels);
  assert.equal((layer?.props as { fontFamily?: string }).fontFamily, 'Be Vietnam Pro, sans-serif');
  assert.equal(renderBasemapLabels(labels, false)[0]?.props.visible, false);
});
