// Loads an SDL file with graphql-js' buildSchema, as client tooling does; exits non-zero if it does not load.
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
const schema = buildSchema(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(Object.keys(schema.getTypeMap()).length + ' types\n');
