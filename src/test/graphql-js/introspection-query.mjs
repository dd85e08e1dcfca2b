// Prints the introspection query that GraphiQL, Apollo and graphql-codegen send (graphql-js).
import { getIntrospectionQuery } from 'graphql';
process.stdout.write(getIntrospectionQuery());
