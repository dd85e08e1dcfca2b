// One graphql-ws client (the protocol's reference client) subscribed to one operation; prints every
// event as a JSON line on stdout and stops when stdin closes. Used by SubscriptionsIT.
//   node subscribe.mjs <ws-url> <token or -> <query> <variables-json>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, query, variables] = process.argv.slice(2);
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  onNonLazyError: () => {}, // reported through the subscription's error sink and the closed event
  connectionParams: token === '-' ? {} : { Authorization: `Bearer ${token}` },
  on: {
    connected: () => print({ type: 'connected' }),
    closed: (event) => print({ type: 'closed', code: event?.code, reason: event?.reason }),
  },
});

client.subscribe(
  { query, variables: JSON.parse(variables) },
  {
    next: (result) => print({ type: 'next', result }),
    error: (error) => print({ type: 'error', errors: Array.isArray(error) ? error : [{ message: String(error?.reason ?? error) }] }),
    complete: () => print({ type: 'complete' }),
  },
);

process.stdin.on('end', async () => {
  await client.dispose();
  process.exit(0);
});
process.stdin.resume();
