// Reads a mer task-set split with Apache Arrow's JavaScript implementation (an independent
// reader of the IPC file format) and prints what it sees as JSON, for TaskSetInteropTest.
// Usage: NODE_PATH=<dir with node_modules/apache-arrow> node read-task-set.cjs FILE
'use strict';
const { tableFromIPC } = require('apache-arrow');
const { readFileSync } = require('fs');

const table = tableFromIPC(readFileSync(process.argv[2]));
const x = table.schema.fields.find((f) => f.name === 'x');
const out = {
  rows: table.numRows,
  batches: table.batches.length,
  fields: table.schema.fields.map((f) => `${f.name}:${f.type}`),
  manifest: JSON.parse(table.schema.metadata.get('mer.manifest')),
  extensionName: x.metadata.get('ARROW:extension:name'),
  extensionMetadata: x.metadata.get('ARROW:extension:metadata'),
  rowsPerTask: {},
  xSum: 0,
  ySum: 0,
  firstRowX: null,
};
for (const batch of table.batches) {
  const task = batch.getChild('task');
  const xs = batch.getChild('x');
  const ys = batch.getChild('y');
  for (let i = 0; i < batch.numRows; i++) {
    const t = task.get(i);
    out.rowsPerTask[t] = (out.rowsPerTask[t] || 0) + 1;
    out.ySum += ys.get(i);
    const row = xs.get(i);
    for (let j = 0; j < row.length; j++) {
      out.xSum += Number(row.get(j));
    }
    if (out.firstRowX === null) {
      out.firstRowX = Array.from(row.toArray ? row.toArray() : row, Number);
    }
  }
}
process.stdout.write(JSON.stringify(out));
