/** `npm run contracts:build`: compiles contracts/src and writes src/lib/chain/generated/*.ts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileContracts, generatedDir, renderGenerated } from './compile';

const started = performance.now();
const files = renderGenerated(compileContracts());
mkdirSync(generatedDir, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(generatedDir, name), content);
  console.log(`wrote src/lib/chain/generated/${name} (${content.length} chars)`);
}
console.log(`compiled in ${Math.round(performance.now() - started)} ms`);
