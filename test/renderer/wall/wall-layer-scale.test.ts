import assert from 'node:assert/strict';
import test from 'node:test';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { renderBasemapLabels } from '../../../layers/basemap/basemap-labels.js';
import { scaleTextForWall, WALL_TEXT_SCALE } from '../../../renderer/wall/wall-layer-scale.js';

test('wall type: every text layer is scaled, other layers are passed through as they are', () => {
  const labels = renderBasemapLabels([{ id: 'x', text: 'Cẩm Giàng', position: [106.2, 20.95] }]);
  const dots = new ScatterplotLayer({ id: 'dots', data: [] });
  const scaled = scaleTextForWall([...labels, dots]);
  assert.equal(scaled.length, 2);
  const text = scaled[0];
  assert.ok(text instanceof TextLayer);
  assert.equal(text.props.sizeScale, WALL_TEXT_SCALE);
  assert.equal(text.id, 'basemap-district-labels', 'same id, so deck.gl updates the layer instead of recreating it');
  assert.equal(scaled[1], dots);
  const original = labels[0];
  assert.ok(original instanceof TextLayer);
  assert.equal(original.props.sizeScale, 1, 'the console keeps its own sizes');
});
