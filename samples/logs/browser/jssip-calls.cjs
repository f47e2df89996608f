// Places three calls with JsSIP 3 under Node.js through a SIP-over-WebSocket proxy and prints JsSIP's debug log.
// Usage: node jssip-calls.cjs WS_URL DOMAIN HARNESS_LOG   (calls answer@, busy@, nobody@ DOMAIN in turn)
'use strict';
const fs = require('fs');
const { FakeRTCPeerConnection, FakeRTCSessionDescription } = require('./fake-sdp.cjs');
global.WebSocket = require('ws');
global.RTCPeerConnection = FakeRTCPeerConnection;
global.RTCSessionDescription = FakeRTCSessionDescription;
global.window = global;
const JsSIP = require('jssip');

const [wsUrl, domain, harnessLog] = process.argv.slice(2);
const note = (s) => fs.appendFileSync(harnessLog, `${s}\n`);
setTimeout(() => { note('timeout'); process.exit(3); }, 30000).unref();

JsSIP.debug.enable('JsSIP:*');
const ua = new JsSIP.UA({
  sockets: [new JsSIP.WebSocketInterface(wsUrl)],
  uri: `sip:alice@${domain}`,
  display_name: 'Alice',
  register: true,
  register_expires: 300,
  session_timers: false,
});
const targets = ['answer', 'busy', 'nobody'];
function next() {
  const user = targets.shift();
  if (!user) {
    ua.once('unregistered', () => setTimeout(() => { note('done'); process.exit(0); }, 500));
    ua.stop();
    return;
  }
  const session = ua.call(`sip:${user}@${domain}`, {
    mediaConstraints: { audio: false, video: false },
    rtcOfferConstraints: { offerToReceiveAudio: true },
    eventHandlers: {
      confirmed: () => setTimeout(() => session.terminate(), 1000),
      ended: (e) => { note(`${user}: ended by ${e.originator} (${e.cause})`); setTimeout(next, 500); },
      failed: (e) => {
        note(`${user}: failed ${e.message ? e.message.status_code : ''} (${e.cause})`);
        setTimeout(next, 500);
      },
    },
  });
}
ua.once('registered', () => { note('registered'); setTimeout(next, 300); });
ua.on('registrationFailed', (e) => { note(`registrationFailed ${e.cause}`); process.exit(4); });
ua.start();
