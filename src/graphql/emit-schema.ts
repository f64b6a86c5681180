import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../db/config.js';
import { schemaSdl } from './schema.js';

/** `npm run schema`: writes schema.graphql from the code (a test fails when the two differ). */
const file = path.join(PROJECT_ROOT, 'schema.graphql');
writeFileSync(file, await schemaSdl());
console.log(`wrote ${file}`);
