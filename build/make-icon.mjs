// Draws build/icon.png (512×512, what electron-builder wants for every platform: it derives .ico and .icns from
// it) without any image library: a dark rounded square, radar rings and a map pin. Run `node build/make-icon.mjs`
// after changing it; the PNG is committed so packaging needs no extra step.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const background = [11, 20, 32];
const ring = [38, 166, 154];
const pin = [255, 183, 77];

/** Coverage (0..1) of a shape from its signed distance, antialiased over one pixel. */
const cover = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

function roundedSquare(x, y) {
  const half = SIZE / 2 - 16;
  const radius = 96;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function rings(x, y) {
  const r = Math.hypot(x - 256, y - 300);
  return Math.min(Math.abs(r - 70), Math.abs(r - 130), Math.abs(r - 190)) - 7;
}

function mapPin(x, y) {
  // A circle on top of a downward triangle, with a hole: the usual location marker.
  // Its tip rests on the centre of the rings.
  const head = Math.hypot(x - 256, y - 180) - 72;
  const tip = Math.max(Math.abs(x - 256) * 0.9 + (y - 300) * 0.45, 215 - y);
  const body = Math.min(head, tip);
  const hole = 28 - Math.hypot(x - 256, y - 180);
  return Math.max(body, hole);
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    let color = background;
    const ringCover = cover(rings(px, py)) * 0.9;
    const pinCover = cover(mapPin(px, py));
    const mix = (a, b, t) => a.map((value, index) => value + ((b[index] ?? 0) - value) * t);
    color = mix(color, ring, ringCover * (1 - pinCover));
    color = mix(color, pin, pinCover);
    const alpha = cover(roundedSquare(px, py));
    const offset = row + 1 + x * 4;
    pixels[offset] = Math.round(color[0]);
    pixels[offset + 1] = Math.round(color[1]);
    pixels[offset + 2] = Math.round(color[2]);
    pixels[offset + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.info(`wrote ${out} (${png.length} bytes)`);
