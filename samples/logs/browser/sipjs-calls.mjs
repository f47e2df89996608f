// Places three calls with SIP.js under Node.js through a SIP-over-WebSocket proxy and prints SIP.js's debug log.
// Usage: node sipjs-calls.mjs WS_URL DOMAIN HARNESS_LOG   (calls answer@, busy@, nobody@ DOMAIN in turn)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { UserAgent, Registerer, RegistererState, Inviter, SessionState } from 'sip.js';

const require = createRequire(import.meta.url);
const { StaticSessionDescriptionHandler } = require('./fake-sdp.cjs');
globalThis.WebSocket = WebSocket;

const [wsUrl, domain, harnessLog] = process.argv.slice(2);
const note = (s) => fs.appendFileSync(harnessLog, `${s}\n`);
setTimeout(() => { note('timeout'); process.exit(3); }, 30000).unref();
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

const ua = new UserAgent({
  uri: UserAgent.makeURI(`sip:bob@${domain}`),
  displayName: 'Bob',
  transportOptions: { server: wsUrl },
  logLevel: 'debug',
  sessionDescriptionHandlerFactory: () => new StaticSessionDescriptionHandler(),
});

function call(user) {
  return new Promise((resolve) => {
    const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${user}@${domain}`));
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        setTimeout(() => inviter.bye(), 1000);
      } else if (state === SessionState.Terminated) {
        setTimeout(resolve, 500);
      }
    });
    inviter.invite({
      requestDelegate: {
        onAccept: (r) => note(`${user}: ${r.message.statusCode}`),
        onReject: (r) => note(`${user}: ${r.message.statusCode}`),
      },
    }).catch((e) => { note(`${user}: invite error ${e}`); resolve(); });
  });
}

await ua.start();
const registerer = new Registerer(ua, { expires: 300 });
const registered = new Promise((resolve) => registerer.stateChange.addListener((s) => {
  if (s === RegistererState.Registered) resolve();
}));
await registerer.register();
await registered;
note('registered');
await pause(300);
for (const user of ['answer', 'busy', 'nobody']) {
  await call(user);
}
const unregistered = new Promise((resolve) => registerer.stateChange.addListener((s) => {
  if (s === RegistererState.Unregistered) resolve();
}));
await registerer.unregister();
await unregistered;
await pause(300);
await ua.stop();
note('done');
process.exit(0);
